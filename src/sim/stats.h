// Confidence intervals and the queueing formulas the simulation is checked against.
#pragma once

#include <vector>

#include "sim/model.h"

namespace corridor::sim {

// The 0.975 quantile of Student's t with `df` degrees of freedom (df >= 1): exact
// table to 30, a Cornish-Fisher expansion beyond (error < 1e-4).
double StudentT975(int df);

// Mean and 95 % half-width of the values (half-width 0 for fewer than 2 values).
Estimate Estimate95(const std::vector<double>& values);

// M/M/c: mean wait in queue (hours) for arrival rate lambda and service rate mu per
// server (per hour) and c servers; +inf when lambda >= c mu (unstable).
double ErlangCWaitH(double lambda, double mu, int c);
// Probability that an arrival waits (Erlang C); 1 when unstable.
double ErlangCProbWait(double lambda, double mu, int c);
// M/G/1 (Pollaczek-Khinchine): mean wait in queue for service mean s and variance var.
double PollaczekKhinchineWaitH(double lambda, double s_mean, double s_var);

}  // namespace corridor::sim
