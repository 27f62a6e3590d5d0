export const presenter = {};
