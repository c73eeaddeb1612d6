/**
 * The sandbox's stand-in for the mainland authorities' records that FaceID's identity, bank-card and phone
 * checks consult: two fictional people, and the format rules those checks apply before looking anyone up.
 * Every check answers from these alone, so the same input always gets the same Result (sandbox/README.md
 * lists the people). They are invented for the sandbox (their addresses are on a "沙箱", sandbox, street); a
 * well-formed number may still be someone's elsewhere, so they belong in local tests only.
 */

export interface IdentityRecord {
  name: string;
  idCard: string;
  sex: "男" | "女";
  nation: string;
  /** As FaceID's OCR writes it: year/month/day, unpadded. */
  birth: string;
  address: string;
  issuingAuthority: string;
  /** YYYYMMDD; the end is "00000000" for a card valid for life. */
  validityBegin: string;
  validityEnd: string;
  phone: {
    number: string;
    isp: "mobile" | "telecom" | "cucc";
    /** MobileStatus: 0 normal, 1 out of service, 2 cancelled, 4 offline, 99 unknown. */
    status: 0 | 1 | 2 | 4 | 99;
    /** MobileNetworkTimeVerification: months on the network, as "[a,b)". */
    range: string;
  };
  bankCard: {
    number: string;
    bank: string;
    /** CheckBankCardInformation: 1 debit, 2 credit, 3 prepaid. */
    type: 1 | 2 | 3;
  };
}

export const IDENTITY_RECORDS: readonly IdentityRecord[] = [
  {
    name: "张三",
    idCard: "110101199003074514",
    sex: "男",
    nation: "汉",
    birth: "1990/3/7",
    address: "北京市东城区沙箱胡同1号",
    issuingAuthority: "北京市公安局东城分局",
    validityBegin: "20200307",
    validityEnd: "20400307",
    phone: { number: "13800000001", isp: "mobile", status: 0, range: "[24,+)" },
    bankCard: { number: "6222020000000000125", bank: "中国工商银行", type: 1 },
  },
  {
    name: "李四",
    idCard: "440305199505132625",
    sex: "女",
    nation: "汉",
    birth: "1995/5/13",
    address: "广东省深圳市南山区沙箱路2号",
    issuingAuthority: "深圳市公安局南山分局",
    validityBegin: "20150513",
    validityEnd: "20250513",
    phone: { number: "18900000002", isp: "telecom", status: 1, range: "[6,12)" },
    bankCard: { number: "6214830000000000346", bank: "招商银行", type: 2 },
  },
];

/** The person whose card the sandbox "reads" from any ID card photo it is given. */
export const PHOTOGRAPHED_RECORD = IDENTITY_RECORDS[0] as IdentityRecord;

export function recordByIdCard(idCard: string): IdentityRecord | undefined {
  return IDENTITY_RECORDS.find((record) => record.idCard === idCard.toUpperCase());
}

export function recordByPhone(phone: string): IdentityRecord | undefined {
  return IDENTITY_RECORDS.find((record) => record.phone.number === phone);
}

export function recordByBankCard(card: string): IdentityRecord | undefined {
  return IDENTITY_RECORDS.find((record) => record.bankCard.number === card);
}

/**
 * A mainland resident ID number (GB 11643-1999): 6 digits of region, a valid date of birth, 3 of sequence, and
 * the ISO 7064 MOD 11-2 check character.
 */
export function isIdCardNumber(value: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  if (!isDate(value.slice(6, 14))) return false;
  const sum = [...value.slice(0, 17)].reduce(
    (total, digit, i) => total + Number(digit) * (ID_WEIGHTS[i] ?? 0),
    0,
  );
  return ID_CHECK_CHARACTERS[sum % 11] === value[17]?.toUpperCase();
}

/** A person's name as the records hold it: letters of any script, spaces and the interpunct, 1–64 of them. */
export function isPersonName(value: string): boolean {
  return value.trim().length > 0 && /^[\p{L}\p{M}·. ]{1,64}$/u.test(value);
}

/** A mainland mobile number: 11 digits starting 13–19. */
export function isMobileNumber(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

/** A bank card number: 12–19 digits with a valid Luhn check digit (ISO/IEC 7812-1). */
export function isBankCardNumber(value: string): boolean {
  if (!/^\d{12,19}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    let digit = Number(value[value.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** YYYYMMDD of a real calendar day. */
export function isDate(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const [year, month, day] = [value.slice(0, 4), value.slice(4, 6), value.slice(6, 8)].map(Number) as [
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARACTERS = "10X98765432";
