import { useState, type ReactElement } from 'react';
import { initialsOf } from '../lib/contact-fields';

/**
 * A contact's photo, or their initials when there is none or it cannot be
 * loaded (the CSP allows only same-origin, data: and blob: images).
 */
export function Avatar({ name, photoUrl, large }: { name: string; photoUrl?: string; large?: boolean }): ReactElement {
  const [failed, setFailed] = useState(false);
  const className = `contact-avatar${large ? ' is-large' : ''}`;
  if (photoUrl && !failed) {
    return <img className={className} src={photoUrl} alt="" onError={() => setFailed(true)} />;
  }
  return (
    <span className={className} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
