import type { TaxVerifyConnection } from '../../integrations/tax-verify/tax-verify.ts';

/** The recognition module's external systems, created once per app by the module's `connect`. */
export interface RecognitionPorts {
  /** 税务发票查验 (its simulator outside production without TAX_VERIFY_URL). */
  taxVerify: TaxVerifyConnection;
}
