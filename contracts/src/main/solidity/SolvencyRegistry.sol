// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title marginsim solvency registry (transparent tier)
/// @notice The operator of one margin protocol publishes each round of its Merkle sum tree here: the
///         round's root hash, column totals, depth, price-snapshot hash, prices and reserves. Publishing
///         refuses a round whose reserves do not cover its liabilities in every token. Anyone can then
///         check an account's inclusion proof on chain, with the same SHA-256 encodings as the Java
///         prover and verifier (docs/proofs.md), and every user sees the same root for a round id.
/// @dev Hashing follows docs/proofs.md byte for byte: 32-byte tags (SHA-256 of ASCII labels), unsigned
///      big-endian fixed-width integers, the round hash over abi.encodePacked of scalars. Values and
///      sums are bounded by 2^63 − 1 (int64 max, the protocol's unit range); a sum beyond it reverts
///      SumOverflow(), never wraps. Verification reverts with a named error or returns nothing, and it
///      makes every check the Java verifier makes on an inclusion proof except the price snapshot's
///      (the chain does not see the snapshot's rounds): lengths, index, the USD column, path, root, totals;
///      solvency was checked when the round was published.
contract SolvencyRegistry {
    // SHA-256("marginsim/transparent/v1/leaf" | ".../node" | ".../round"); a Java test checks these.
    bytes32 public constant LEAF_TAG = 0x9f74ec8006e5a33914d4614435722294d9974f6a091165ba9eae5f6e5b850f4d;
    bytes32 public constant NODE_TAG = 0x025fc02be24bad746b84961e55864472777c7513f9c32725fa570f3e4b956434;
    bytes32 public constant ROUND_TAG = 0x22a69e1f068bfb4b38fe0ed1df26db97d60c744a909b936a3935d13b7416c443;
    uint64 internal constant MAX_VALUE = 0x7fffffffffffffff; // 2^63 − 1 (a literal, so assembly can use it)
    uint8 public constant MAX_DEPTH = 32;
    uint256 internal constant MAX_ASSETS = 8;
    /// valueE6 = floor(amountE9 · priceE8 / 1e11): 1e9 (internal unit) · 1e8 (price) / 1e6 (USD E6).
    uint256 internal constant VALUE_SCALE = 1e11;

    error NotOperator();
    error RoundNotNew(uint64 roundId, uint64 latestRoundId);
    error UnknownRound(uint64 roundId);
    error InvalidAssets();
    error FutureBlock(uint64 blockNumber);
    error DepthOutOfRange(uint8 depth);
    error LengthMismatch();
    error ValueOutOfRange();
    error SumOverflow();
    error IndexOutOfRange();
    error RootMismatch();
    error TotalsMismatch();
    error UsdValueMismatch();
    error Insolvent(uint8 assetId);

    event RoundPublished(uint64 indexed roundId, bytes32 roundHash, bytes32 rootHash, bytes32 priceSnapshotHash,
        uint64 blockNumber);

    struct Round {
        bytes32 roundHash;
        bytes32 rootHash;
        bytes32 priceSnapshotHash;
        uint64 blockNumber;
        uint64 timestamp;
        uint8 depth;
        uint64[] totals;
        // By position in the round's asset list. Slot 0 stays empty: asset 0 is valued at par. Only the
        // prices are needed for the USD column, because every collateral is counted in E9 whatever its
        // token decimals; a fixed array saves the length slot of a dynamic one.
        uint64[MAX_ASSETS] pricesE8;
    }

    address public immutable operator;
    address public immutable protocol;
    /// The id of the last round published; meaningful only when roundCount > 0 (round 0 is a valid id).
    uint64 public latestRoundId;
    /// How many rounds have been published (shares latestRoundId's storage slot).
    uint64 public roundCount;
    mapping(uint64 => Round) private rounds;

    constructor(address operator_, address protocol_) {
        operator = operator_;
        protocol = protocol_;
    }

    /// @notice Publishes round `roundId`: the first round may have any id, each later one an id strictly
    ///         above the latest, so a round is never replaced.
    /// @dev Per asset i: `assetIds` ascending from 0 (the settlement asset: price 1e8, 6 decimals, no
    ///      feed); `totals` has one entry per asset plus the USD column. Reserves in internal units
    ///      (asset 0: token units; else 1e-9 token, rounded down) must cover totals[i], else Insolvent.
    ///      `depth` is 1..32: the Java builder never makes a tree of depth 0 (a lone leaf as root).
    /// @return roundHash the round's commitment, equal to the Java prover's PublishedRound.roundHash()
    function publish(uint64 roundId, uint64 blockNumber, uint64 timestamp, bytes32 priceSnapshotHash,
        uint8[] calldata assetIds, uint64[] calldata pricesE8, uint8[] calldata tokenDecimals,
        uint256[] calldata reservesTokens, string[] calldata feeds, uint8 depth, bytes32 rootHash,
        uint64[] calldata totals) external returns (bytes32 roundHash) {
        if (msg.sender != operator) revert NotOperator();
        if (roundCount != 0 && roundId <= latestRoundId) revert RoundNotNew(roundId, latestRoundId);
        uint256 n = assetIds.length;
        if (n == 0 || n > MAX_ASSETS || pricesE8.length != n || tokenDecimals.length != n
            || reservesTokens.length != n || feeds.length != n) revert InvalidAssets();
        if (totals.length != n + 1) revert LengthMismatch();
        if (depth == 0 || depth > MAX_DEPTH) revert DepthOutOfRange(depth);
        if (blockNumber > block.number) revert FutureBlock(blockNumber);
        for (uint256 k = 0; k <= n; k++) {
            if (totals[k] > MAX_VALUE) revert ValueOutOfRange();
        }
        bytes memory enc = abi.encodePacked(ROUND_TAG, uint64(block.chainid), protocol, roundId, blockNumber,
            timestamp, priceSnapshotHash, uint8(n));
        for (uint256 i = 0; i < n; i++) {
            _checkAsset(i, assetIds, pricesE8, tokenDecimals, feeds);
            _checkSolvent(assetIds[i], tokenDecimals[i], reservesTokens[i], totals[i]);
            bytes calldata feed = bytes(feeds[i]);
            enc = abi.encodePacked(enc, assetIds[i], pricesE8[i], tokenDecimals[i], reservesTokens[i],
                uint16(feed.length), feed);
        }
        enc = abi.encodePacked(enc, depth, rootHash);
        for (uint256 k = 0; k <= n; k++) {
            enc = abi.encodePacked(enc, totals[k]);
        }
        roundHash = sha256(enc);
        Round storage r = rounds[roundId];
        r.roundHash = roundHash;
        r.rootHash = rootHash;
        r.priceSnapshotHash = priceSnapshotHash;
        r.blockNumber = blockNumber;
        r.timestamp = timestamp;
        r.depth = depth;
        r.totals = totals;
        for (uint256 i = 1; i < n; i++) {
            r.pricesE8[i] = pricesE8[i];
        }
        latestRoundId = roundId;
        roundCount += 1;
        emit RoundPublished(roundId, roundHash, rootHash, priceSnapshotHash, blockNumber);
    }

    /// @notice A published round (reverts UnknownRound for one never published). `pricesE8` has one entry
    ///         per asset, in the round's asset order (the first one, asset 0's, is 1e8).
    function getRound(uint64 roundId) external view returns (bytes32 roundHash, bytes32 rootHash,
        bytes32 priceSnapshotHash, uint64 blockNumber, uint64 timestamp, uint8 depth, uint64[] memory totals,
        uint64[] memory pricesE8) {
        Round storage r = _round(roundId);
        uint256 n = r.totals.length - 1;
        pricesE8 = new uint64[](n);
        pricesE8[0] = 1e8;
        for (uint256 i = 1; i < n; i++) {
            pricesE8[i] = r.pricesE8[i];
        }
        return (r.roundHash, r.rootHash, r.priceSnapshotHash, r.blockNumber, r.timestamp, r.depth, r.totals, pricesE8);
    }

    /// @notice Verifies an account's inclusion proof against published round `roundId`; reverts with the
    ///         failed check's error, returns nothing when the proof holds.
    ///         The checks run in the Java verifier's order (docs/proofs.md §13), so a proof both reject
    ///         fails on the same check: lengths, index, balances' range, the USD column (SumOverflow if its
    ///         value leaves int64, UsdValueMismatch if it differs), then the path, root and totals.
    /// @param balances     the leaf's columns (one per asset, then USD)
    /// @param index        the leaf's slot; bit l set = the path's node at level l is a right child
    /// @param siblingHashes bottom-up sibling hashes, `depth` of them
    /// @param siblingSums  bottom-up sibling sums, flattened: depth × columns
    function verifyInclusion(uint64 roundId, address account, bytes32 salt, uint64[] calldata balances,
        uint64 index, bytes32[] calldata siblingHashes, uint64[] calldata siblingSums) external view {
        Round storage r = _round(roundId);
        uint256 c = r.totals.length;
        uint256 depth = r.depth;
        if (balances.length != c || siblingHashes.length != depth || siblingSums.length != depth * c) {
            revert LengthMismatch();
        }
        if (index >> depth != 0) revert IndexOutOfRange();
        (bytes memory buf, uint64[] memory sums) = _leafPreimage(account, salt, balances);
        _checkUsdColumn(r, balances);
        bytes32 h = _sha256(buf, 84 + 8 * c);
        for (uint256 level = 0; level < depth; level++) {
            h = _up(buf, sums, h, (index >> level) & 1 == 1, siblingHashes[level], siblingSums[level * c:(level + 1) * c]);
        }
        if (h != r.rootHash) revert RootMismatch();
        for (uint256 k = 0; k < c; k++) {
            if (sums[k] != r.totals[k]) revert TotalsMismatch();
        }
    }

    /// The leaf's hash input in a buffer sized for a node (plus slack for 32-byte stores), and its sums:
    /// leaf = SHA-256(LEAF ‖ address(20) ‖ salt(32) ‖ balances(8 each)).
    function _leafPreimage(address account, bytes32 salt, uint64[] calldata balances) private pure
        returns (bytes memory buf, uint64[] memory sums)
    {
        uint256 c = balances.length;
        sums = new uint64[](c);
        buf = new bytes(32 + 2 * (32 + 8 * c) + 32);
        assembly ("memory-safe") {
            let p := add(buf, 32)
            mstore(p, LEAF_TAG)
            mstore(add(p, 32), shl(96, account))
            mstore(add(p, 52), salt)
        }
        for (uint256 k = 0; k < c; k++) {
            uint64 b = balances[k];
            if (b > MAX_VALUE) revert ValueOutOfRange();
            sums[k] = b;
            _put64(buf, 84 + 8 * k, b);
        }
    }

    /// One level up the path: node = SHA-256(NODE ‖ leftHash ‖ leftSums ‖ rightHash ‖ rightSums), where
    /// the running (h, sums) is the right child if `right`, and sums[k] += siblingSums[k], checked. In
    /// assembly because this runs depth × columns times: the checked Solidity form cost 2.5 times
    /// the gas. A sibling sum above 2^63 − 1 (dirty upper bits included) is ValueOutOfRange.
    function _up(bytes memory buf, uint64[] memory sums, bytes32 h, bool right, bytes32 sibling,
        uint64[] calldata siblingSums) private view returns (bytes32)
    {
        uint256 c = sums.length;
        uint256 half = 32 + 8 * c;
        bytes4 valueOutOfRange = ValueOutOfRange.selector;
        bytes4 sumOverflow = SumOverflow.selector;
        assembly ("memory-safe") {
            let p := add(buf, 32)
            let mine := 32
            let theirs := add(32, half)
            if right {
                mine := theirs
                theirs := 32
            }
            mstore(p, NODE_TAG)
            mstore(add(p, mine), h)
            mstore(add(p, theirs), sibling)
            let keep := 0x0000000000000000ffffffffffffffffffffffffffffffffffffffffffffffff // bytes after a u64
            let mineSums := add(p, add(mine, 32))
            let theirSums := add(p, add(theirs, 32))
            for { let k := 0 } lt(k, c) { k := add(k, 1) } {
                let s := calldataload(add(siblingSums.offset, shl(5, k)))
                if gt(s, MAX_VALUE) {
                    mstore(0, valueOutOfRange)
                    revert(0, 4)
                }
                let slot := add(add(sums, 32), shl(5, k))
                let own := mload(slot)
                let at := add(mineSums, shl(3, k))
                mstore(at, or(shl(192, own), and(mload(at), keep)))
                at := add(theirSums, shl(3, k))
                mstore(at, or(shl(192, s), and(mload(at), keep)))
                let total := add(own, s)
                if gt(total, MAX_VALUE) {
                    mstore(0, sumOverflow)
                    revert(0, 4)
                }
                mstore(slot, total)
            }
        }
        return _sha256(buf, 32 + 2 * half);
    }

    /// The USD column (last) must be Σ valueE6 of the asset columns: asset 0 at par, asset i
    /// floor(b_i · priceE8_i / 1e11), each term and each partial sum within int64 (the Java verifier's
    /// Math.addExact and the protocol's narrowing), else SumOverflow. Balances are ≤ 2^63 − 1 here, so
    /// a product is below 2^126 and cannot overflow uint256; a term above int64 makes the partial sum
    /// leave int64 too, so one check covers both.
    function _checkUsdColumn(Round storage r, uint64[] calldata balances) private view {
        uint256 usdColumn = balances.length - 1;
        uint256 usd = balances[0];
        for (uint256 i = 1; i < usdColumn; i++) {
            usd += uint256(balances[i]) * r.pricesE8[i] / VALUE_SCALE;
            if (usd > MAX_VALUE) revert SumOverflow();
        }
        if (usd != balances[usdColumn]) revert UsdValueMismatch();
    }

    function _round(uint64 roundId) private view returns (Round storage r) {
        r = rounds[roundId];
        if (r.roundHash == bytes32(0)) revert UnknownRound(roundId);
    }

    function _checkAsset(uint256 i, uint8[] calldata assetIds, uint64[] calldata pricesE8,
        uint8[] calldata tokenDecimals, string[] calldata feeds) private pure {
        uint8 id = assetIds[i];
        if (i == 0) {
            if (id != 0 || pricesE8[0] != 1e8 || tokenDecimals[0] != 6 || bytes(feeds[0]).length != 0) {
                revert InvalidAssets();
            }
            return;
        }
        if (id <= assetIds[i - 1] || id >= MAX_ASSETS || pricesE8[i] == 0 || pricesE8[i] > MAX_VALUE
            || tokenDecimals[i] > 36 || bytes(feeds[i]).length > type(uint16).max) revert InvalidAssets();
    }

    /// Reserves (token units) cover `total` internal units: asset 0 as is; d ≥ 9: floor(r / 10^(d−9));
    /// d < 9: r · 10^(9−d), compared as r ≥ ceil(total / 10^(9−d)) so that no product can overflow.
    function _checkSolvent(uint8 assetId, uint8 decimals, uint256 reserves, uint64 total) private pure {
        bool ok;
        if (assetId == 0) {
            ok = reserves >= total;
        } else if (decimals >= 9) {
            ok = reserves / 10 ** (decimals - 9) >= total;
        } else {
            uint256 s = 10 ** (9 - decimals);
            ok = reserves >= (uint256(total) + s - 1) / s;
        }
        if (!ok) revert Insolvent(assetId);
    }

    /// Writes v as 8 big-endian bytes at buf[off..off+8), keeping the 24 bytes after it.
    function _put64(bytes memory buf, uint256 off, uint64 v) private pure {
        assembly ("memory-safe") {
            let p := add(add(buf, 32), off)
            mstore(p, or(shl(192, v), and(mload(p), 0x0000000000000000ffffffffffffffffffffffffffffffffffffffffffffffff)))
        }
    }

    /// SHA-256 of buf[0..len) through the precompile.
    function _sha256(bytes memory buf, uint256 len) private view returns (bytes32 out) {
        assembly ("memory-safe") {
            let ok := staticcall(gas(), 0x02, add(buf, 32), len, 0x00, 0x20)
            if iszero(ok) { revert(0, 0) }
            out := mload(0x00)
        }
    }
}
