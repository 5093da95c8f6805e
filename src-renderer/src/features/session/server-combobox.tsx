/**
 * The login screen's server field (SPEC A1): free text (host or host:port)
 * plus a list of the saved servers (at most 4). An ARIA 1.2 combobox: the
 * input keeps the focus, ArrowDown/ArrowUp move in the list, Enter picks,
 * Esc closes.
 */
import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../platform/ui/icon';

export interface ServerComboboxProps {
  value: string;
  onChange(value: string): void;
  servers: readonly string[];
  describedBy?: string;
}

export function ServerCombobox({ value, onChange, servers, describedBy }: ServerComboboxProps): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const expanded = open && servers.length > 0;

  const pick = (server: string) => {
    onChange(server);
    setOpen(false);
    setActive(-1);
  };

  return (
    <div className="combobox">
      <div className="combobox-row">
        <input
          id="login-server"
          data-testid="login-server"
          name="server"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('login.serverPlaceholder')}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={describedBy}
          value={value}
          required
          onChange={(ev) => onChange(ev.target.value)}
          onBlur={() => setOpen(false)}
          onKeyDown={(ev) => {
            if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
              if (servers.length === 0) return;
              ev.preventDefault();
              const step = ev.key === 'ArrowDown' ? 1 : -1;
              setOpen(true);
              setActive((a) => (a < 0 && step < 0 ? servers.length - 1 : (a + step + servers.length) % servers.length));
            } else if (ev.key === 'Enter' && expanded && active >= 0) {
              ev.preventDefault();
              const server = servers[active];
              if (server !== undefined) pick(server);
            } else if (ev.key === 'Escape' && expanded) {
              ev.preventDefault();
              setOpen(false);
            }
          }}
        />
        {servers.length > 0 && (
          <button
            type="button"
            className="icon-btn combobox-toggle"
            data-testid="login-server-toggle"
            tabIndex={-1}
            aria-label={t('login.savedServers')}
            title={t('login.savedServers')}
            aria-expanded={expanded}
            aria-controls={listId}
            // keep the focus in the input (blur would close the list before the click)
            onMouseDown={(ev) => ev.preventDefault()}
            onClick={() => setOpen((o) => !o)}
          >
            <Icon name="chevron-down" />
          </button>
        )}
      </div>
      <ul
        id={listId}
        role="listbox"
        className="combobox-list"
        data-testid="login-server-list"
        aria-label={t('login.savedServers')}
        hidden={!expanded}
      >
        {servers.map((server, index) => (
          <li
            key={server}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={`combobox-option${index === active ? ' is-active' : ''}`}
            data-testid="login-server-option"
            onMouseDown={(ev) => ev.preventDefault()}
            onClick={() => pick(server)}
          >
            {server}
          </li>
        ))}
      </ul>
    </div>
  );
}
