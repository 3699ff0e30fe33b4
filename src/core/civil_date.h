// Civil (proleptic Gregorian) dates as days since 1970-01-01, and back (H. Hinnant's
// days_from_civil and civil_from_days): the one conversion the dated scenario events and
// the settlement's value dates share.
#pragma once

namespace corridor {

int DaysFromCivil(int year, int month, int day);
void CivilFromDays(int days, int* year, int* month, int* day);

}  // namespace corridor
