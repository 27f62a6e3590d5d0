export const archive = {
  decisionsUnreadable: "De besluiten konden niet worden gelezen: ",
  notMade: "Het pakket is niet gemaakt: ",
};
