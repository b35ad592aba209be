// Evidence methods of the contract.
import { method, none } from './method.ts';

export const evidenceMethods = {
} as const;

// Placeholders keep the imports used until the first method is declared.
void method;
void none;
