export const report = {
  adoptedUnreadable: "De vastgestelde rapportages konden niet worden gelezen: ",
};
