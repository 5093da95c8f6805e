/**
 * The Search/Dial field (SPEC C2, F1): Enter dials; the chevron opens the
 * last 10 dialed numbers (Esc closes, arrows move, click/Enter dials).
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';
import { useAppStore } from '../store/use-app-store';
import { Icon } from './icons';

export function DialField(): ReactElement {
  const { t } = useTranslation();
  const dial = useAppStore((s) => s.dial);
  const dialError = useAppStore((s) => s.dialError);
  const clearDialError = useAppStore((s) => s.clearDialError);
  const recent = useAppStore((s) => s.recent);
  const refreshRecent = useAppStore((s) => s.refreshRecent);
  const [value, setValue] = useState('');
  const [open, setOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const errorId = `${id}-error`;
  const listId = `${id}-recent`;

  useEffect(() => {
    if (!open) return undefined;
    void refreshRecent();
    listRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onPointerDown = (ev: PointerEvent) => {
      if (!rootRef.current?.contains(ev.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, refreshRecent]);

  const submit = async (target: string) => {
    if (await dial(target)) setValue('');
  };

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    void submit(value);
  };

  const closeList = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };

  const onListKeyDown = (ev: KeyboardEvent<HTMLUListElement>) => {
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (ev.key === 'Escape') {
      ev.preventDefault();
      closeList();
    } else if (ev.key === 'ArrowDown' && buttons.length > 0) {
      ev.preventDefault();
      buttons[(index + 1) % buttons.length]?.focus();
    } else if (ev.key === 'ArrowUp' && buttons.length > 0) {
      ev.preventDefault();
      buttons[(index - 1 + buttons.length) % buttons.length]?.focus();
    }
  };

  return (
    <div className="dial-field" ref={rootRef}>
      <form className="dial-form" onSubmit={onSubmit} role="search">
        <label htmlFor={`${id}-input`} className="visually-hidden">
          {t('dial.label')}
        </label>
        <input
          id={`${id}-input`}
          ref={inputRef}
          data-testid="dial-input"
          className="dial-input"
          type="text"
          inputMode="tel"
          autoComplete="off"
          autoFocus
          placeholder={t('dial.placeholder')}
          value={value}
          aria-invalid={dialError ? true : undefined}
          aria-describedby={dialError ? errorId : undefined}
          onChange={(ev) => {
            setValue(ev.target.value);
            if (dialError) clearDialError();
          }}
          onKeyDown={(ev) => {
            if (ev.key === 'ArrowDown' && !open) {
              ev.preventDefault();
              setOpen(true);
            } else if (ev.key === 'Escape' && open) {
              ev.preventDefault();
              setOpen(false);
            }
          }}
        />
        <button
          type="button"
          ref={toggleRef}
          className="icon-btn dial-recent-toggle"
          data-testid="dial-recent-toggle"
          aria-label={t('dial.recentToggle')}
          title={t('dial.recentToggle')}
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen((o) => !o)}
          onKeyDown={(ev) => {
            if (ev.key === 'Escape' && open) {
              ev.preventDefault();
              setOpen(false);
            }
          }}
        >
          <Icon name="chevron-down" />
        </button>
        <button
          type="submit"
          className="icon-btn btn-call"
          data-testid="dial-submit"
          aria-label={t('dial.submit')}
          title={t('dial.submit')}
        >
          <Icon name="phone" />
        </button>
      </form>
      {dialError && (
        <p id={errorId} className="field-error" data-testid="dial-error" role="alert">
          {t(`error.${dialError}`)}
        </p>
      )}
      {open && (
        <ul
          id={listId}
          ref={listRef}
          className="dial-recent-list"
          data-testid="dial-recent-list"
          aria-label={t('dial.recentToggle')}
          onKeyDown={onListKeyDown}
        >
          {recent.length === 0 && <li className="muted empty">{t('dial.recentEmpty')}</li>}
          {recent.map((number) => (
            <li key={number}>
              <button
                type="button"
                className="recent-item"
                data-number={number}
                title={t('dial.recentCall', { number })}
                onClick={() => {
                  setOpen(false);
                  inputRef.current?.focus();
                  void submit(number);
                }}
              >
                <Icon name="outgoing" />
                <span>{formatNumber(number)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
