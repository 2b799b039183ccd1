export function electronBinary(root?: string): string | null;
export function electronVersion(root?: string): string | null;
export function electronAbi(root?: string): string | null;
export function electronSqliteBinary(root?: string, abi?: string | null): string;
