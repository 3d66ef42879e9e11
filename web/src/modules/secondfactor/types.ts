import type { paths } from '../../api/schema';

type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;

/** A new secret: the otpauth:// URI for the QR code and the same secret as text. */
export type Enrolment = Json<paths['/api/auth/second-factor']['post']['responses'][200]>;
export type SecondFactorView = Json<paths['/api/auth/second-factor']['get']['responses'][200]>;
export type RecoveryCodeList = Json<paths['/api/auth/second-factor/confirm']['post']['responses'][200]>;
