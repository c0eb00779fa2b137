/**
 * Word lists for the demo company: people's names (mostly Latin script, a few Greek and Cyrillic,
 * each with the ASCII spelling its email uses), company names, places and competitors. All of it
 * is invented; emails use the reserved `.example` domain and phones the fictional 555-01xx range.
 */

export interface PersonName {
  readonly first: string
  readonly last: string
  /** the ASCII spelling for email addresses */
  readonly firstAscii: string
  readonly lastAscii: string
}

export const FIRST_NAMES: readonly string[] = [
  'Alice',
  'Andrew',
  'Anna',
  'Ben',
  'Carla',
  'Chris',
  'Dana',
  'David',
  'Elena',
  'Emma',
  'Frank',
  'Grace',
  'Hannah',
  'Henry',
  'Isabel',
  'Jack',
  'Julia',
  'Karen',
  'Kevin',
  'Laura',
  'Leo',
  'Lucia',
  'Marcus',
  'Maria',
  'Nadia',
  'Nathan',
  'Olivia',
  'Omar',
  'Paula',
  'Peter',
  'Priya',
  'Rachel',
  'Raj',
  'Rosa',
  'Samuel',
  'Sofia',
  'Tom',
  'Uma',
  'Victor',
  'Zoe',
]

export const LAST_NAMES: readonly string[] = [
  'Adams',
  'Baker',
  'Brennan',
  'Carter',
  'Chen',
  'Costa',
  'Delgado',
  'Evans',
  'Fischer',
  'Garcia',
  'Hansen',
  'Hughes',
  'Ivanova',
  'Jensen',
  'Kaur',
  'Keller',
  'Kim',
  'Lambert',
  'Lopez',
  'Martin',
  'Meyer',
  'Morales',
  'Nguyen',
  'Novak',
  'Okafor',
  'Olsen',
  'Patel',
  'Quinn',
  'Reyes',
  'Rossi',
  'Schmidt',
  'Silva',
  'Singh',
  'Sullivan',
  'Tanaka',
  'Turner',
  'Walsh',
  'Weber',
  'Young',
  'Zimmer',
]

/** Names written in Greek or Cyrillic script, with the transliteration their email uses. */
export const NON_LATIN_NAMES: readonly PersonName[] = [
  { first: 'Γιώργος', last: 'Παπαδόπουλος', firstAscii: 'Giorgos', lastAscii: 'Papadopoulos' },
  { first: 'Ελένη', last: 'Νικολάου', firstAscii: 'Eleni', lastAscii: 'Nikolaou' },
  { first: 'Δημήτρης', last: 'Κωνσταντίνου', firstAscii: 'Dimitris', lastAscii: 'Konstantinou' },
  { first: 'Дмитрий', last: 'Иванов', firstAscii: 'Dmitry', lastAscii: 'Ivanov' },
  { first: 'Анна', last: 'Смирнова', firstAscii: 'Anna', lastAscii: 'Smirnova' },
  { first: 'Ольга', last: 'Петренко', firstAscii: 'Olga', lastAscii: 'Petrenko' },
  { first: 'Сергей', last: 'Кузнецов', firstAscii: 'Sergey', lastAscii: 'Kuznetsov' },
]

/** Makes a Latin-script name from a first and a last name. */
export function latinName(first: string, last: string): PersonName {
  return { first, last, firstAscii: first, lastAscii: last }
}

export const COMPANY_WORDS: readonly string[] = [
  'Acme',
  'Apex',
  'Atlas',
  'Beacon',
  'Birch',
  'Blue Ridge',
  'Cascade',
  'Cedar',
  'Summit',
  'Copper',
  'Crest',
  'Delta',
  'Evergreen',
  'Falcon',
  'Granite',
  'Harbor',
  'Horizon',
  'Ironwood',
  'Juniper',
  'Keystone',
  'Lakeside',
  'Liberty',
  'Maple',
  'Meridian',
  'Northstar',
  'Oakridge',
  'Orion',
  'Pioneer',
  'Prairie',
  'Redwood',
  'Riverbend',
  'Sterling',
  'Silverline',
  'Stonebridge',
  'Sunrise',
  'Tidewater',
  'Trident',
  'Union',
  'Vanguard',
  'Willow',
]

export const COMPANY_TRADES: readonly string[] = [
  'Manufacturing',
  'Logistics',
  'Dental Group',
  'Engineering',
  'Foods',
  'Health Partners',
  'Hotels',
  'Industrial',
  'Labs',
  'Legal',
  'Machining',
  'Medical',
  'Packaging',
  'Plastics',
  'Printing',
  'Realty',
  'Construction',
  'Systems',
  'Textiles',
  'Tooling',
  'Veterinary',
  'Winery',
]

export const COMPANY_FORMS: readonly string[] = ['Inc.', 'LLC', 'Co.', 'Corp.', 'Ltd.', 'Group']

export const STREET_NAMES: readonly string[] = [
  'Maple Ave',
  'Oak St',
  'Industrial Pkwy',
  'Commerce Dr',
  'Main St',
  'Harbor Rd',
  'Elm St',
  'Lakeview Blvd',
  'Mill Rd',
  'Park Pl',
  'Railroad Ave',
  'River Rd',
  'Summit Way',
  'Valley Dr',
]

/** Cities by territory, each with a two-letter state and a ZIP prefix. */
export const CITIES_BY_TERRITORY: Readonly<
  Record<'North' | 'South' | 'East' | 'West', readonly (readonly [string, string, string])[]>
> = {
  North: [
    ['Duluth', 'MN', '558'],
    ['Fargo', 'ND', '581'],
    ['Madison', 'WI', '537'],
    ['Grand Rapids', 'MI', '495'],
  ],
  South: [
    ['Austin', 'TX', '787'],
    ['Birmingham', 'AL', '352'],
    ['Savannah', 'GA', '314'],
    ['Baton Rouge', 'LA', '708'],
  ],
  East: [
    ['Hartford', 'CT', '061'],
    ['Albany', 'NY', '122'],
    ['Richmond', 'VA', '232'],
    ['Portland', 'ME', '041'],
  ],
  West: [
    ['Boise', 'ID', '837'],
    ['Reno', 'NV', '895'],
    ['Tucson', 'AZ', '857'],
    ['Spokane', 'WA', '992'],
  ],
}

export const COMPETITORS: readonly string[] = [
  'Northwind Supply',
  'Contoso Industrial',
  'Globex Partners',
  'Initech Services',
  'Umbrella Distribution',
  'Vandelay Trading',
]

export const INCIDENT_DESCRIPTIONS: Readonly<Record<string, readonly string[]>> = {
  late_delivery: [
    'Shipment arrived late; their line stood still',
    'Delivery missed the promised window twice',
    'Order split across three late deliveries',
  ],
  billing_error: [
    'Invoiced twice for one order',
    'Wrong price on the invoice; credit note took weeks',
    'Billing sent to an old address; account put on hold',
  ],
  missed_deadline: [
    'Project milestone missed by two weeks',
    'Installation date slipped without notice',
    'Rush order promised, not met',
  ],
  quality: [
    'Batch failed their incoming inspection',
    'Parts out of tolerance; rework at their cost',
    'Damaged goods returned',
  ],
  poor_service: [
    'Support ticket unanswered for a week',
    'Rude answer on the phone',
    'Nobody returned their calls about a claim',
  ],
}
