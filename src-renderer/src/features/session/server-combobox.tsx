/**
 * The login screen's server field (SPEC A1): free text (host or host:port)
 * plus a list of the saved servers (at most 4). A React Aria ComboBox (ARIA
 * 1.2 combobox): the input keeps the focus, ArrowDown/ArrowUp (or the
 * chevron) open the list and move in it, Enter picks, Esc closes. Typing
 * neither opens nor filters the list: the saved servers are few, and a
 * server is often typed in full.
 */
import { useContext, useEffect, useRef, useState, type ReactElement } from 'react';
import {
  Button,
  ComboBox,
  ComboBoxStateContext,
  Group,
  Input,
  ListBox,
  ListBoxItem,
  Popover,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../platform/ui/icon';

export interface ServerComboboxProps {
  value: string;
  onChange(value: string): void;
  servers: readonly string[];
  describedBy?: string;
}

/** every saved server, whatever the text (React Aria filters by the text otherwise) */
const showAll = () => true;

export function ServerCombobox({ value, onChange, servers, describedBy }: ServerComboboxProps): ReactElement {
  const { t } = useTranslation();
  // counts the picks: each closes the list (with nothing kept selected, React Aria leaves it open)
  const [picks, setPicks] = useState(0);
  return (
    <ComboBox
      className="combobox"
      // the visible label is the login form's <label for="login-server">; the same words for React Aria
      aria-label={t('login.server')}
      inputValue={value}
      onInputChange={onChange}
      // the text is the value: a pick only fills it in, nothing stays "selected" to revert to on Esc
      selectedKey={null}
      onSelectionChange={(key) => {
        if (key === null) return;
        onChange(String(key));
        setPicks((n) => n + 1);
      }}
      allowsCustomValue
      menuTrigger="manual"
      defaultFilter={showAll}
      isRequired
    >
      <CloseOnPick picks={picks} />
      <Group className="combobox-row">
        <Input
          id="login-server"
          data-testid="login-server"
          name="server"
          placeholder={t('login.serverPlaceholder')}
          aria-describedby={describedBy}
        />
        {servers.length > 0 && (
          <Button
            className="icon-btn combobox-toggle"
            data-testid="login-server-toggle"
            aria-label={t('login.savedServers')}
          >
            <Icon name="chevron-down" />
          </Button>
        )}
      </Group>
      <Popover className="combobox-list">
        <ListBox className="combobox-listbox" data-testid="login-server-list" aria-label={t('login.savedServers')}>
          {servers.map((server) => (
            <ListBoxItem
              key={server}
              id={server}
              textValue={server}
              className="combobox-option"
              data-testid="login-server-option"
            >
              {server}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

/** Closes the list after each pick (React Aria's combobox state, from inside the ComboBox). */
function CloseOnPick({ picks }: { picks: number }): null {
  const state = useContext(ComboBoxStateContext);
  // the state object is new at each render: close once per pick, not at every render after one
  const closed = useRef(0);
  useEffect(() => {
    if (picks === closed.current) return;
    closed.current = picks;
    state?.close();
  }, [picks, state]);
  return null;
}
