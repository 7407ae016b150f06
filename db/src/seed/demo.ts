export async function seedDemo(): Promise<SeedResult> { return { seeded: false }; }
export async function isDatabaseSeeded(): Promise<boolean> { return false; }
export interface SeedResult { seeded: boolean }
