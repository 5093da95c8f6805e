/**
 * A person's photo (a data: URL), or their initials when there is none or
 * it fails to load. Presentational: where the photo comes from is the
 * caller's business (directory's EntryAvatar / PeerAvatar).
 */
import { useState, type ReactElement } from 'react';
import { initialsOf } from '../format';

export function Avatar({
  name,
  dataUrl,
  alt,
  large,
}: {
  name: string;
  dataUrl: string | null;
  /** what the photo shows, for screen readers */
  alt: string;
  large?: boolean | undefined;
}): ReactElement {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const className = `contact-avatar${large ? ' is-large' : ''}`;
  if (dataUrl && dataUrl !== failedSrc) {
    return <img className={className} src={dataUrl} alt={alt} onError={() => setFailedSrc(dataUrl)} />;
  }
  return (
    <span className={className} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
