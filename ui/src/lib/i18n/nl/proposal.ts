export const proposal = {};
