/**
 * Devices (public surface): plain SIP devices of an account — desk phones and softphones with SIP
 * credentials of their own, registering under the account's AOR (issue #12). No routes: the
 * administrator manages them with the CLI (`add-device`, `list-devices`, `remove-device`).
 */
import type { ServerFeature } from '../../platform/server-feature';

export type * from './devices-tables';
export {
  addDevice,
  listDevices,
  removeDevice,
  type DeviceRow,
  type NewDevice,
  type RegistrationDrop,
} from './device-service';
export { migration0021Devices } from './migrations/0021-devices';

/** No routes and nothing running: devices live in the database and in Kamailio. */
export const devicesFeature: ServerFeature = {
  name: 'devices',
  async register() {},
};
