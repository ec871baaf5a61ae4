export declare const KIB: number;
export declare const MIB: number;
export declare const BODY_LIMITS: { unauthenticated: number; json: number; upload: number };
export declare function bodyLimitFor(method: string, pathname: string): number;
export declare function checkRequestLine(method: string, rawUrl: string | undefined): { status: number; message: string } | null;
export type TrustedProxies = { isEmpty: boolean; has: (address: string) => boolean };
export declare function parseTrustedProxies(value: string | undefined): TrustedProxies;
export declare function clientAddress(remoteAddress: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): string;
