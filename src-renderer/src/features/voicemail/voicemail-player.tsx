/**
 * Plays one recording with one play/pause control (the item's Play button),
 * elapsed / total time and a position slider — the <audio> element has no
 * controls of its own, so there is never a second play button. The engine
 * hands a data: URL; the page's CSP allows media only from 'self' and blob:,
 * so the bytes become a blob: URL (revoked when the player goes away).
 */
import { useCallback, useEffect, useReducer, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../platform/format';
import { initialPlayback, playbackReducer, type Playback } from './voicemail-playback';
import { IconButton } from '../../platform/ui/icon-button';

/** data:audio/wav;base64,… → blob: URL (undefined for anything else). */
function blobUrlOf(dataUrl: string): string | undefined {
  const match = /^data:(audio\/wav);base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  if (!match) return undefined;
  const binary = atob(match[2]!);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: match[1] }));
}

export interface VoicemailPlayback {
  state: Playback;
  /** the hidden <audio> element to render (null while nothing is loaded) */
  audio: ReactElement | null;
  /** play (from the start after the end) or pause */
  toggle(): void;
  seek(ms: number): void;
}

/** The audio of `dataUrl` (null: not loaded yet), with `durationMs` as the total until the audio knows better. */
export function useVoicemailPlayback(dataUrl: string | null, durationMs: number): VoicemailPlayback {
  const { t } = useTranslation();
  const audioRef = useRef<HTMLAudioElement>(null);
  const [state, dispatch] = useReducer(playbackReducer, durationMs, initialPlayback);
  // the element's source is set from here (a DOM side effect), so the URL is revoked with the effect
  useEffect(() => {
    dispatch({ type: 'reset', durationMs });
    if (dataUrl === null) return undefined;
    const url = blobUrlOf(dataUrl);
    const audio = audioRef.current;
    if (audio && url) audio.src = url;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [dataUrl, durationMs]);
  const toggle = useCallback(() => {
    const audio = audioRef.current;
    if (!audio) return;
    if (audio.paused) void audio.play().catch(() => dispatch({ type: 'error' }));
    else audio.pause();
  }, []);
  const seek = useCallback((ms: number) => {
    const audio = audioRef.current;
    if (audio) audio.currentTime = ms / 1000;
    dispatch({ type: 'time', ms });
  }, []);
  const audio =
    dataUrl === null ? null : (
      <audio
        ref={audioRef}
        autoPlay
        preload="auto"
        data-testid="voicemail-audio"
        aria-label={t('voicemail.player')}
        onPlaying={() => dispatch({ type: 'playing' })}
        onPause={() => dispatch({ type: 'paused' })}
        onEnded={(ev) => {
          dispatch({ type: 'ended' });
          // ready to play again from the start
          ev.currentTarget.currentTime = 0;
        }}
        onTimeUpdate={(ev) => dispatch({ type: 'time', ms: ev.currentTarget.currentTime * 1000 })}
        onDurationChange={(ev) => dispatch({ type: 'duration', ms: ev.currentTarget.duration * 1000 })}
        onError={() => dispatch({ type: 'error' })}
      >
        {t('voicemail.noAudio')}
      </audio>
    );
  return { state, audio, toggle, seek };
}

/** Elapsed / total, the position slider and Close (the play control is the item's). */
export function VoicemailPlayer({ playback, onClose }: { playback: VoicemailPlayback; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const { state } = playback;
  const elapsed = formatDuration(state.positionMs);
  const total = formatDuration(state.durationMs);
  return (
    <div className="voicemail-player" data-testid="voicemail-player" data-state={state.status}>
      {playback.audio}
      <input
        type="range"
        className="voicemail-position"
        data-testid="voicemail-position"
        min={0}
        max={Math.max(1, Math.round(state.durationMs))}
        step={100}
        value={Math.round(state.positionMs)}
        aria-label={t('voicemail.position')}
        aria-valuetext={t('voicemail.time', { elapsed, total })}
        onChange={(ev) => playback.seek(Number(ev.target.value))}
      />
      <span className="voicemail-time muted" data-testid="voicemail-time">
        {t('voicemail.time', { elapsed, total })}
      </span>
      <IconButton
        icon="close"
        label={t('voicemail.stop')}
        className="icon-btn-small"
        testId="voicemail-player-close"
        onPress={onClose}
      />
    </div>
  );
}
