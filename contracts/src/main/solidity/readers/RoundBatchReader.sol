// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @notice Reads many rounds of many feeds in one `eth_call`, without ever being deployed: the call has
///         no `to`, its data is this creation code with the constructor arguments, and the constructor
///         returns the results as if they were the new contract's code, which `eth_call` hands back.
///         Works on any node and any chain, like a multicall that needs no multicall contract.
/// @dev    Output: 192 bytes per entry, in input order: a word `1` if the call succeeded and returned
///         exactly five words (else the whole entry is zero), then roundId, answer, startedAt,
///         updatedAt, answeredInRound. `roundIds[i] == type(uint256).max` reads `latestRoundData()`,
///         anything else `getRoundData(uint80(roundIds[i]))`. The returned "code" is bounded by EIP-170
///         (24,576 bytes), so at most 128 entries per call; the caller splits larger reads.
contract RoundBatchReader {
    uint256 private constant LATEST = type(uint256).max;
    uint256 private constant ENTRY = 192;

    error LengthMismatch();
    error TooManyEntries();

    constructor(address[] memory feeds, uint256[] memory roundIds) {
        uint256 n = feeds.length;
        if (roundIds.length != n) revert LengthMismatch();
        if (n * ENTRY > 24_576) revert TooManyEntries();
        bytes memory out = new bytes(n * ENTRY);
        for (uint256 i = 0; i < n; i++) {
            bytes memory data = roundIds[i] == LATEST
                ? abi.encodeWithSelector(AggregatorV3Interface.latestRoundData.selector)
                : abi.encodeWithSelector(AggregatorV3Interface.getRoundData.selector, uint80(roundIds[i]));
            (bool ok, bytes memory ret) = feeds[i].staticcall(data);
            if (ok && ret.length == 160) {
                assembly ("memory-safe") {
                    let dst := add(add(out, 32), mul(i, ENTRY))
                    mstore(dst, 1)
                    mcopy(add(dst, 32), add(ret, 32), 160)
                }
            }
        }
        assembly ("memory-safe") {
            return(add(out, 32), mload(out))
        }
    }
}
