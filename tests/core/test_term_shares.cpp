// The shares of a head's logit terms stay finite and sum to 1 for huge (finite) terms: a float
// norm of terms near 1e30 overflowed to infinity, and the shares came out NaN (null in the JSON).
#include "decomposition.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace orderlens;

TEST(TermShares, HugeFiniteTermsGiveFiniteShares)
{
    LogitTerms terms;
    Matrix ee(3, 3), ep(3, 3), pe(3, 3), pp(3, 3), bias = Matrix::Zero(3, 3);
    ee << 1, 2, 3, 4, 5, 6, 7, 8, 9.5;
    ep << 3, 1, 2, 0, 1, 0, 2, 2, 1;
    pe << 1, 0, 0, 0, 1, 0, 0, 0, 1;
    pp << 0, 1, 4, 1, 0, 1, 4, 1, 0;
    const float big = 1e30f;
    terms.ee = {ee * big};
    terms.ep = {ep * big};
    terms.pe = {pe * big};
    terms.pp = {pp * big};
    terms.bias = {bias};
    const TermShares huge = termShares(terms, 0);
    terms.ee = {ee};
    terms.ep = {ep};
    terms.pe = {pe};
    terms.pp = {pp};
    const TermShares plain = termShares(terms, 0);
    for (double share : {huge.content, huge.position, huge.mixed, huge.bias})
        EXPECT_TRUE(std::isfinite(share));
    EXPECT_NEAR(huge.content + huge.position + huge.mixed, 1.0, 1e-9);
    // Scaling every term by one factor does not change the shares.
    EXPECT_NEAR(huge.content, plain.content, 1e-6);
    EXPECT_NEAR(huge.position, plain.position, 1e-6);
    EXPECT_NEAR(huge.mixed, plain.mixed, 1e-6);
}
