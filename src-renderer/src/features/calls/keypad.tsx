/**
 * DTMF keypad of one call (SPEC F3): buttons and typed keys send RFC 4733
 * tones through the engine; Esc closes.
 *
 * Movable: dragged by its header, or moved with the arrow keys on its move
 * button (Shift: bigger steps, Home: back in its place under the call). Once
 * moved it floats at that spot, kept inside the window; the spot is the
 * device setting `keypadPosition`, so it is the same after a restart.
 */
import { Move } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeypadPosition } from '../../../../src-preload/contract/settings';
import { useAppStore } from '../../platform/store/use-app-store';
import { IconButton } from '../../platform/ui/icon-button';
import { clampKeypadPosition, keypadArrowStep } from './keypad-position';

export const KEYPAD_DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
/** keep the "sent" display short */
const MAX_SHOWN = 24;

export function Keypad({ callId }: { callId: string }): ReactElement {
  const { t } = useTranslation();
  const sendDtmf = useAppStore((s) => s.sendDtmf);
  const closeKeypad = useAppStore((s) => s.closeKeypad);
  const saved = useAppStore((s) => s.settings.keypadPosition);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const [sent, setSent] = useState('');
  const [pos, setPos] = useState<KeypadPosition | null>(saved);
  const rootRef = useRef<HTMLDivElement>(null);
  /** pointer offset inside the keypad while dragging */
  const grab = useRef<{ dx: number; dy: number; moved: boolean } | null>(null);

  useEffect(() => {
    rootRef.current?.querySelector<HTMLButtonElement>('button[data-digit]')?.focus();
  }, []);

  // the stored spot (read at start, or changed elsewhere), kept inside this window
  useEffect(() => {
    setPos(saved && inWindow(rootRef.current, saved));
  }, [saved]);

  useEffect(() => {
    const onResize = () => setPos((p) => p && inWindow(rootRef.current, p));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const save = (next: KeypadPosition | null) => {
    setPos(next);
    void updateSettings({ keypadPosition: next });
  };

  /** where the keypad is now (its place under the call before it was moved) */
  const current = (): KeypadPosition => {
    if (pos) return pos;
    const rect = rootRef.current?.getBoundingClientRect();
    return { x: rect?.left ?? 0, y: rect?.top ?? 0 };
  };

  const onHeadPointerDown = (ev: PointerEvent<HTMLDivElement>) => {
    // the close button is in the header: a press there is not a drag
    if (ev.button !== 0 || (ev.target as Element).closest('button:not([data-keypad-move])')) return;
    const at = current();
    grab.current = { dx: ev.clientX - at.x, dy: ev.clientY - at.y, moved: false };
    ev.currentTarget.setPointerCapture(ev.pointerId);
    ev.preventDefault();
  };
  const onHeadPointerMove = (ev: PointerEvent<HTMLDivElement>) => {
    if (!grab.current) return;
    grab.current.moved = true;
    setPos(inWindow(rootRef.current, { x: ev.clientX - grab.current.dx, y: ev.clientY - grab.current.dy }));
  };
  const onHeadPointerUp = (ev: PointerEvent<HTMLDivElement>) => {
    const drag = grab.current;
    if (!drag) return;
    grab.current = null;
    ev.currentTarget.releasePointerCapture(ev.pointerId);
    // a press without a move leaves the keypad where it is
    if (drag.moved && pos) save(pos);
  };

  const onMoveKeyDown = (ev: KeyboardEvent<HTMLButtonElement>) => {
    if (ev.key === 'Home') {
      ev.preventDefault();
      save(null);
      return;
    }
    const step = keypadArrowStep(ev.key, ev.shiftKey);
    if (!step) return;
    ev.preventDefault();
    const at = current();
    save(inWindow(rootRef.current, { x: at.x + step.x, y: at.y + step.y }));
  };

  const press = (digit: string) => {
    setSent((s) => (s + digit).slice(-MAX_SHOWN));
    void sendDtmf(callId, digit);
  };

  const onKeyDown = (ev: KeyboardEvent<HTMLDivElement>) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      closeKeypad();
    } else if (!ev.ctrlKey && !ev.metaKey && !ev.altKey && (KEYPAD_DIGITS as readonly string[]).includes(ev.key)) {
      ev.preventDefault();
      press(ev.key);
    }
  };

  return (
    <div
      className={pos ? 'keypad keypad-floating' : 'keypad'}
      role="dialog"
      aria-label={t('keypad.title')}
      ref={rootRef}
      onKeyDown={onKeyDown}
      style={pos ? { left: pos.x, top: pos.y } : undefined}
      data-testid="keypad"
    >
      <div
        className="keypad-head"
        data-testid="keypad-head"
        onPointerDown={onHeadPointerDown}
        onPointerMove={onHeadPointerMove}
        onPointerUp={onHeadPointerUp}
        onPointerCancel={onHeadPointerUp}
      >
        <IconButton
          icon={Move}
          label={t('keypad.move')}
          testId="keypad-move"
          className="icon-btn-small keypad-move"
          attributes={{ onKeyDown: onMoveKeyDown, 'data-keypad-move': '' }}
        />
        <output className="keypad-sent" aria-live="polite">
          {sent}
        </output>
        <IconButton icon="close" label={t('keypad.close')} onPress={closeKeypad} />
      </div>
      <div className="keypad-grid">
        {KEYPAD_DIGITS.map((digit) => (
          <button
            key={digit}
            type="button"
            className="keypad-key"
            data-digit={digit}
            data-testid={`keypad-digit-${digit}`}
            aria-label={t('keypad.digit', { digit })}
            onClick={() => press(digit)}
          >
            {digit}
          </button>
        ))}
      </div>
    </div>
  );
}

/** `pos` kept inside the window for the keypad's current size. */
function inWindow(root: HTMLElement | null, pos: KeypadPosition): KeypadPosition {
  const rect = root?.getBoundingClientRect();
  return clampKeypadPosition(
    pos,
    { width: rect?.width ?? 0, height: rect?.height ?? 0 },
    { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
  );
}
