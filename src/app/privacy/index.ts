// privacy's public surface (TESTPLAN T22–T24): other layers import it through `app/index.ts`
export { type ErasureResult, eraseCustomer } from './erase-customer.js'
export { exportPersonalData, type PersonalDataExport } from './personal-data.js'
export { cutoffsAt, getPrivacySettings } from './privacy-settings.js'
export { type PurgeResult, purgeExpiredContacts } from './purge-expired.js'
export { forgetReimportedPeople } from './reimported-people.js'
export { assertLawfulContact, UnlawfulOutreachError } from './unlawful-outreach.js'
