export const followup = {};
