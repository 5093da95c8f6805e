/**
 * Plays one recording. The engine hands a data: URL; the page's CSP allows
 * media only from 'self' and blob:, so the bytes become a blob: URL (revoked
 * when the player goes away).
 */
import { useEffect, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

/** data:audio/wav;base64,… → blob: URL (undefined for anything else). */
function blobUrlOf(dataUrl: string): string | undefined {
  const match = /^data:(audio\/wav);base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  if (!match) return undefined;
  const binary = atob(match[2]!);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: match[1] }));
}

export function VoicemailPlayer({ dataUrl, onClose }: { dataUrl: string; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const audioRef = useRef<HTMLAudioElement>(null);
  // the element's source is set from here (a DOM side effect), so the URL is revoked with the effect
  useEffect(() => {
    const url = blobUrlOf(dataUrl);
    const audio = audioRef.current;
    if (audio && url) audio.src = url;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [dataUrl]);
  return (
    <div className="voicemail-player">
      <audio ref={audioRef} controls autoPlay data-testid="voicemail-audio" aria-label={t('voicemail.player')}>
        {t('voicemail.noAudio')}
      </audio>
      <button
        type="button"
        className="icon-btn icon-btn-small"
        data-testid="voicemail-player-close"
        aria-label={t('voicemail.stop')}
        title={t('voicemail.stop')}
        onClick={onClose}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}
