/**
 * The app's icons: one set, lucide (DESIGN "Icons from one set"), by the
 * names the components use. Decorative: the button around each one carries
 * the accessible label and tooltip, so the svg is hidden from assistive
 * technology. Size and stroke are the same everywhere (18 px, 2).
 */
import type { ReactElement } from 'react';
import {
  ArrowDownLeft,
  ArrowLeft,
  ArrowRightLeft,
  ArrowUpDown,
  ArrowUpRight,
  Bell,
  Check,
  ChevronDown,
  ChevronRight,
  Grip,
  History,
  Keyboard,
  Merge,
  LogOut,
  MessageSquare,
  Mic,
  MicOff,
  Minus,
  PanelRight,
  Pause,
  Pencil,
  Phone,
  PhoneMissed,
  PhoneOff,
  Pin,
  Play,
  Plus,
  RotateCcw,
  Search,
  Settings,
  Trash2,
  Upload,
  UserPlus,
  Users,
  Voicemail,
  X,
  ZoomIn,
  ZoomOut,
  type LucideIcon,
} from 'lucide-react';

const ICONS = {
  phone: Phone,
  'phone-off': PhoneOff,
  'phone-missed': PhoneMissed,
  pause: Pause,
  play: Play,
  mic: Mic,
  'mic-off': MicOff,
  keypad: Grip,
  'chevron-down': ChevronDown,
  'chevron-right': ChevronRight,
  outgoing: ArrowUpRight,
  incoming: ArrowDownLeft,
  'log-out': LogOut,
  close: X,
  'x-small': X,
  settings: Settings,
  'user-plus': UserPlus,
  upload: Upload,
  trash: Trash2,
  edit: Pencil,
  'arrow-left': ArrowLeft,
  search: Search,
  check: Check,
  pin: Pin,
  minimize: Minus,
  dock: PanelRight,
  'zoom-in': ZoomIn,
  'zoom-out': ZoomOut,
  'zoom-reset': RotateCcw,
  history: History,
  users: Users,
  voicemail: Voicemail,
  transfer: ArrowRightLeft,
  plus: Plus,
  swap: ArrowUpDown,
  merge: Merge,
  keyboard: Keyboard,
  bell: Bell,
  message: MessageSquare,
} satisfies Record<string, LucideIcon>;

export type IconName = keyof typeof ICONS;
/**
 * A shared icon by name, or any lucide icon a feature imports itself — so a new
 * feature's icons need no edit here.
 */
export type IconSource = IconName | LucideIcon;

export function Icon({ name }: { name: IconSource }): ReactElement {
  const Glyph = typeof name === 'string' ? ICONS[name] : name;
  return <Glyph className="icon" size={18} strokeWidth={2} aria-hidden="true" focusable="false" />;
}
