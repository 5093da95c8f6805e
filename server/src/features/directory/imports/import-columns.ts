/** A column (CSV header) or element (XML) an import understands. */
export type ImportField =
  | 'firstName'
  | 'lastName'
  /** a whole name ("Hans Müller"), split when first/last are absent */
  | 'name'
  | 'company'
  | 'email'
  | 'business'
  | 'mobile'
  | 'private'
  | 'other';

/**
 * Accepted header names, compared after {@link normalizeHeader} (lower case,
 * no accents, letters and digits only): English and French spellings as
 * Outlook, Thunderbird, Google and French Excel exports write them, plus a
 * few German ones.
 */
const ALIASES: Record<ImportField, readonly string[]> = {
  firstName: ['firstname', 'first', 'givenname', 'prenom', 'vorname'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'nom', 'nomdefamille', 'nachname'],
  name: ['name', 'fullname', 'displayname', 'nomcomplet', 'nomaffiche', 'contact', 'contactname'],
  company: ['company', 'companyname', 'organization', 'organisation', 'org', 'societe', 'entreprise', 'firma'],
  email: ['email', 'emailaddress', 'mail', 'email1', 'courriel', 'adresseemail', 'adressemail', 'adressecourriel'],
  business: [
    'business',
    'businessphone',
    'work',
    'workphone',
    'office',
    'phone',
    'telephone',
    'tel',
    'number',
    'numero',
    'bureau',
    'telephonebureau',
    'telephoneprofessionnel',
    'telpro',
    'professionnel',
    'telefon',
  ],
  mobile: [
    'mobile',
    'mobilephone',
    'cell',
    'cellphone',
    'cellular',
    'portable',
    'telephonemobile',
    'telephoneportable',
    'gsm',
    'handy',
  ],
  private: [
    'private',
    'privatephone',
    'home',
    'homephone',
    'prive',
    'domicile',
    'telephonedomicile',
    'telephoneprive',
    'privat',
  ],
  other: ['other', 'otherphone', 'autre', 'autretelephone', 'sonstige'],
};

const BY_ALIAS = new Map<string, ImportField>(
  (Object.entries(ALIASES) as [ImportField, readonly string[]][]).flatMap(([field, aliases]) =>
    aliases.map((alias): [string, ImportField] => [alias, field]),
  ),
);

/** "Prénom", "First Name", "e-mail" → "prenom", "firstname", "email". */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The field a header names, or undefined for a column the import ignores. */
export function importFieldOf(header: string): ImportField | undefined {
  return BY_ALIAS.get(normalizeHeader(header));
}

/** The fields that give an entry its name: a file needs at least one of them. */
export const NAME_FIELDS: readonly ImportField[] = ['firstName', 'lastName', 'name', 'company'];
