export const depth = 8;
