export const decision = {};
