package dev.marginsim.differential;

import dev.marginsim.core.MarketParams;
import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.simulator.engine.MarginEngine;
import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * Seeded random steps that reach every operation, every revert and every guard: mostly sensible
 * operations sized from the account's current state (so positions are opened near full leverage and
 * crashes end in liquidations and bad debt), plus a share of bad input and oracle faults. It reads the
 * engine only to choose sizes; both sides receive the identical step.
 */
final class OpGenerator {
    private final SplittableRandom rnd;
    private final World w;
    /** Last good answer per feed, so a fault can be followed by a recovery. */
    private final long[] answers;

    OpGenerator(long seed, World w) {
        this.rnd = new SplittableRandom(seed);
        this.w = w;
        this.answers = w.setup.feeds().stream().mapToLong(f -> f.initialAnswer()).toArray();
    }

    private int step;
    /** After a crash, liquidators arrive: the next few steps are liquidations. */
    private int liquidationsDue;

    Op next() {
        // Each sequence opens with every user funding an account (USDC, then a random collateral),
        // so the rest of it trades and liquidates rather than bouncing off UnknownAccount.
        int opening = step++;
        if (opening < 2 * World.USERS) {
            int asset = opening < World.USERS ? 0 : 1 + rnd.nextInt(2);
            // Little USDC, more WETH/WBTC: losses then push quote negative against volatile
            // collateral, which is what collateral liquidations and bad debt need.
            return new Op.Deposit(opening % World.USERS, asset, tokenAmount(asset, asset == 0 ? 0.05 : 1.0));
        }
        if (liquidationsDue > 0) {
            liquidationsDue--;
            return rnd.nextInt(3) == 0 ? liquidateCollateral() : liquidatePosition();
        }
        int roll = rnd.nextInt(100);
        if (roll < 10) {
            return deposit();
        } else if (roll < 15) {
            return withdraw();
        } else if (roll < 43) {
            return trade();
        } else if (roll < 48) {
            return margin();
        } else if (roll < 66) {
            return priceMove();
        } else if (roll < 69) {
            return oracleFault();
        } else if (roll < 77) {
            return time();
        } else if (roll < 89) {
            return liquidatePosition();
        } else if (roll < 95) {
            return liquidateCollateral();
        } else if (roll < 96) {
            return new Op.FundInsurance(user(), BigInteger.valueOf(rnd.nextLong(1, 5_000_000000L)));
        } else if (roll < 97) {
            return new Op.FundPool(BigInteger.valueOf(rnd.nextLong(1, 50_000_000000L)));
        } else if (roll < 98) {
            return marketParams();
        } else if (roll < 99) {
            return sequencer();
        } else {
            return badInput();
        }
    }

    private int user() {
        return rnd.nextInt(World.USERS);
    }

    private MarginEngine e() {
        return w.engine();
    }

    private Op deposit() {
        int asset = rnd.nextInt(3);
        return new Op.Deposit(user(), asset, tokenAmount(asset, 1.0));
    }

    private BigInteger tokenAmount(int asset, double scale) {
        return switch (asset) {
            case 0 -> BigInteger.valueOf((long) (rnd.nextLong(1, 200_000) * 1_000_000L * scale) + rnd.nextInt(1_000_000));
            case 1 -> BigInteger.valueOf((long) (rnd.nextLong(1, 100_000_000_000L) * scale) + 1)
                    .multiply(BigInteger.valueOf(1_000_000_000L)).add(BigInteger.valueOf(rnd.nextLong(1_000_000_000L)));
            default -> BigInteger.valueOf((long) (rnd.nextLong(1, 1_000_000_000L) * scale) + 1);
        };
    }

    private Op withdraw() {
        int a = user();
        int asset = rnd.nextInt(3);
        var acct = e().account(a);
        long held = asset == 0 ? acct.quoteE6() : acct.collateralE9()[asset];
        BigInteger amount;
        if (held > 0 && rnd.nextInt(3) > 0) {
            long part = rnd.nextBoolean() ? held : rnd.nextLong(1, held + 1);
            amount = switch (asset) {
                case 0 -> BigInteger.valueOf(part);
                case 1 -> BigInteger.valueOf(part).multiply(BigInteger.valueOf(1_000_000_000L));
                default -> BigInteger.valueOf(part / 10);
            };
            if (amount.signum() == 0) {
                amount = BigInteger.ONE;
            }
        } else {
            amount = tokenAmount(asset, 0.1);
        }
        return new Op.Withdraw(a, asset, amount);
    }

    private Op trade() {
        int a = user();
        int m = rnd.nextInt(2);
        boolean iso = rnd.nextInt(10) < 3;
        long current = e().position(a, m, iso).sizeE9();
        if (current != 0 && rnd.nextInt(10) < 3) {
            long delta = switch (rnd.nextInt(4)) {
                case 0 -> -current;                                      // close
                case 1 -> -current / 2 - 1 * Long.signum(current);        // reduce
                case 2 -> -current * 2;                                  // flip
                default -> -Long.signum(current) * rnd.nextLong(1, Math.abs(current) + 1);
            };
            return new Op.Trade(a, m, iso, delta);
        }
        long price = price(m);
        long free;
        try {
            free = iso ? e().isolatedHealth(a, m).freeCollateralE6() : e().accountHealth(a).freeCollateralE6();
        } catch (ProtocolRevert r) {
            free = 1_000_000_000L;
        }
        long leverage = rnd.nextLong(m == 0 ? 4 : 2, m == 0 ? 11 : 6);
        double notionalE6 = Math.max(free, 10_000_000L) * (double) leverage * (0.5 + rnd.nextDouble());
        long size = (long) (notionalE6 * 1e11 / Math.max(price, 1));
        size = Math.max(1, size);
        return new Op.Trade(a, m, iso, rnd.nextInt(4) > 0 ? size : -size); // mostly long: crashes bite
    }

    private long price(int market) {
        try {
            return e().marketPriceE8(market);
        } catch (ProtocolRevert r) {
            return market == 0 ? 3_000_00000000L : 60_000_00000000L;
        }
    }

    private Op margin() {
        int a = user();
        int m = rnd.nextInt(2);
        if (rnd.nextBoolean()) {
            long quote = Math.max(e().account(a).quoteE6(), 1_000_000L);
            return new Op.AddMargin(a, m, rnd.nextLong(1, quote + 1));
        }
        long margin = Math.max(e().position(a, m, true).marginE6(), 1_000_000L);
        return new Op.RemoveMargin(a, m, rnd.nextLong(1, margin + 1));
    }

    private Op priceMove() {
        int feed = rnd.nextInt(answers.length);
        double move = switch (rnd.nextInt(10)) {
            case 0 -> -0.25;
            case 1 -> 0.2;
            case 2, 3 -> -0.1;
            default -> rnd.nextDouble(-0.04, 0.04);
        };
        long answer = Math.max(1, (long) (answers[feed] * (1 + move)));
        if (move <= -0.1) {
            liquidationsDue = 4;
        }
        answers[feed] = answer;
        long round = ++w.roundIds[feed];
        return new Op.SetRound(feed, round, answer, w.now, w.now, round);
    }

    private Op oracleFault() {
        int feed = rnd.nextInt(answers.length);
        long round = ++w.roundIds[feed];
        long good = answers[feed];
        return switch (rnd.nextInt(5)) {
            case 0 -> new Op.SetRound(feed, round, rnd.nextBoolean() ? 0 : -good, w.now, w.now, round);
            case 1 -> new Op.SetRound(feed, round, good, w.now, w.now, round - 1);           // incomplete
            case 2 -> new Op.SetRound(feed, round, good, w.now, 0, round);                   // never updated
            case 3 -> new Op.SetRound(feed, round, good * 1_000_000, w.now, w.now, round);   // out of bounds
            default -> new Op.SetRound(feed, round, good, w.now, w.now - DiffSetup.HEARTBEAT - 1, round); // stale
        };
    }

    private Op time() {
        long seconds = switch (rnd.nextInt(20)) {
            case 0 -> DiffSetup.HEARTBEAT + rnd.nextLong(1, 100);
            case 1 -> DiffSetup.GRACE;
            default -> rnd.nextLong(1, 240);
        };
        return new Op.AdvanceTime(seconds);
    }

    private Op liquidatePosition() {
        // Prefer a position that is liquidatable now, so liquidations (and bad debt) happen often.
        int start = rnd.nextInt(World.USERS);
        for (int k = 0; k < World.USERS; k++) {
            int a = (start + k) % World.USERS;
            for (int m = 0; m < 2; m++) {
                for (boolean iso : new boolean[] {false, true}) {
                    if (e().position(a, m, iso).sizeE9() == 0) {
                        continue;
                    }
                    try {
                        var h = iso ? e().isolatedHealth(a, m) : e().accountHealth(a);
                        if (h.weightedEquityMaintE6() < h.maintenanceRequirementE6()) {
                            return new Op.LiquidatePosition(a, m, iso);
                        }
                    } catch (ProtocolRevert r) {
                        // an oracle fault: still worth trying on both sides
                    }
                }
            }
        }
        for (int k = 0; k < World.USERS; k++) {
            int a = (start + k) % World.USERS;
            for (int m = 0; m < 2; m++) {
                if (e().position(a, m, false).sizeE9() != 0) {
                    return new Op.LiquidatePosition(a, m, false); // usually NotLiquidatable
                }
            }
        }
        return new Op.LiquidatePosition(user(), rnd.nextInt(2), rnd.nextBoolean());
    }

    private Op liquidateCollateral() {
        int start = rnd.nextInt(World.USERS);
        for (int k = 0; k < World.USERS; k++) {
            int a = (start + k) % World.USERS;
            var acct = e().account(a);
            if (acct.quoteE6() < 0) {
                int asset = acct.collateralE9()[1] > 0 ? 1 : 2;
                long repay = rnd.nextBoolean() ? -acct.quoteE6() : rnd.nextLong(1, -acct.quoteE6() + 2);
                return new Op.LiquidateCollateral(a, asset, repay);
            }
        }
        return new Op.LiquidateCollateral(user(), 1 + rnd.nextInt(2), rnd.nextLong(1, 1_000_000_000L));
    }

    private Op marketParams() {
        int m = rnd.nextInt(2);
        int imr = rnd.nextInt(500, 3_000);
        int mmr = rnd.nextInt(100, imr + 50);      // sometimes ≥ imr: InvalidMarginRatios
        int penalty = rnd.nextInt(0, mmr + 20);    // sometimes ≥ mmr: InvalidPenalty
        return new Op.SetMarketParams(m, new MarketParams(imr, mmr, penalty, rnd.nextInt(0, 10_001),
                rnd.nextInt(0, 50), rnd.nextLong(1, 10_000_000000000L), rnd.nextLong(0, 2_000_000)));
    }

    private Op sequencer() {
        long round = ++w.roundIds[w.roundIds.length - 1];
        boolean down = rnd.nextInt(3) == 0;
        return new Op.SetRound(-1, round, down ? 1 : 0, w.now, w.now, round);
    }

    private Op badInput() {
        return switch (rnd.nextInt(8)) {
            case 0 -> new Op.Deposit(user(), 7, BigInteger.TEN);                         // UnknownAsset
            case 1 -> new Op.Deposit(user(), rnd.nextInt(3), BigInteger.ZERO);            // ZeroAmount
            case 2 -> new Op.Deposit(user(), 1, BigInteger.TWO.pow(100));                 // Overflow
            case 3 -> new Op.Trade(user(), 5, false, 1_000);                              // UnknownMarket
            case 4 -> new Op.Trade(user(), 0, false, 0);                                  // ZeroAmount
            case 5 -> new Op.Trade(user(), 0, rnd.nextBoolean(), Long.MAX_VALUE / 3);     // Overflow / cap
            case 6 -> new Op.Deposit(user(), 1, BigInteger.valueOf(500).multiply(BigInteger.TEN.pow(27))); // cap
            default -> new Op.Withdraw(user(), 0, BigInteger.TWO.pow(80));
        };
    }
}
