package dev.marginsim.prover.margin;

import dev.marginsim.prover.snapshot.RoundInfo;

/** Where each statement asset sits among the round's assets, i.e. which leaf commitment is its amount. */
final class MarginBinding {
    private MarginBinding() {
    }

    /** Column of each statement asset in the round's asset list, or −1 where the round lacks it. */
    static int[] collateralColumnsOrMissing(RoundInfo info, MarginStatement statement) {
        int[] out = new int[statement.assets().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = -1;
            for (int c = 0; c < info.assets().size(); c++) {
                if (info.assets().get(c).assetId() == statement.assets().get(i).assetId()) {
                    out[i] = c;
                }
            }
        }
        return out;
    }

    static int[] collateralColumns(RoundInfo info, MarginStatement statement) {
        int[] out = collateralColumnsOrMissing(info, statement);
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0) {
                throw new IllegalArgumentException("the round has no asset " + statement.assets().get(i).assetId());
            }
        }
        return out;
    }
}
