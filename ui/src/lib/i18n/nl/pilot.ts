export const pilot = {};
