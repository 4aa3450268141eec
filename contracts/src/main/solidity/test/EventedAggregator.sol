// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @notice A test aggregator that looks like a deployed Chainlink aggregator from the outside: every
///         round is stored and readable by id, every written round emits Chainlink's `NewRound` and
///         `AnswerUpdated` events (same signatures, same indexed fields, so log subscribers written for
///         real feeds work unchanged), and `getRoundData` of a round never written reverts as
///         FluxAggregator's does. Anyone may write rounds: it is for tests and simulations.
/// @dev    Round ids are aggregator round ids (the low 64 bits of a proxy's id), so a
///         `PhasedAggregatorProxy` can sit in front of it.
contract EventedAggregator is AggregatorV3Interface {
    /// Chainlink's AggregatorInterface events.
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);

    error NoDataPresent(uint80 roundId);
    error InvalidRoundId(uint80 roundId);
    error LengthMismatch();

    struct Round {
        int256 answer;
        uint64 startedAt;
        uint64 updatedAt;
        uint64 answeredInRound;
        bool set;
    }

    uint8 public immutable override decimals;
    string public override description;
    /// The latest round id (AggregatorInterface.latestRound).
    uint256 public latestRound;
    mapping(uint256 => Round) private rounds;

    constructor(uint8 decimals_, string memory description_) {
        decimals = decimals_;
        description = description_;
    }

    function version() external pure override returns (uint256) {
        return 4;
    }

    /// @notice A new round after the latest one, answered now (what an oracle network's report does).
    function transmit(int256 answer) external returns (uint80 roundId) {
        roundId = uint80(latestRound + 1);
        _write(roundId, answer, block.timestamp, block.timestamp, roundId);
    }

    /// @notice Writes any round exactly as given and makes it the latest (replayed and broken paths:
    ///         incomplete rounds, stale answers, answeredInRound behind roundId).
    function setRoundData(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
        external
    {
        _write(roundId, answer, startedAt, updatedAt, answeredInRound);
    }

    /// @notice Many rounds in one transaction, in the order given (fast setup of long histories).
    function setRounds(
        uint80[] calldata roundIds,
        int256[] calldata answers,
        uint256[] calldata startedAts,
        uint256[] calldata updatedAts,
        uint80[] calldata answeredInRounds
    ) external {
        uint256 n = roundIds.length;
        if (answers.length != n || startedAts.length != n || updatedAts.length != n || answeredInRounds.length != n) {
            revert LengthMismatch();
        }
        for (uint256 i = 0; i < n; i++) {
            _write(roundIds[i], answers[i], startedAts[i], updatedAts[i], answeredInRounds[i]);
        }
    }

    function getRoundData(uint80 roundId) external view override returns (uint80, int256, uint256, uint256, uint80) {
        Round storage r = rounds[roundId];
        if (!r.set) revert NoDataPresent(roundId);
        return (roundId, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }

    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        Round storage r = rounds[latestRound];
        if (!r.set) revert NoDataPresent(uint80(latestRound));
        return (uint80(latestRound), r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }

    /// AggregatorInterface (v2) reads, as deployed aggregators still serve them.
    function latestAnswer() external view returns (int256) {
        return rounds[latestRound].answer;
    }

    function latestTimestamp() external view returns (uint256) {
        return rounds[latestRound].updatedAt;
    }

    function _write(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
        private
    {
        // Round 0 means "no data" to every reader, and a proxy keeps only the low 64 bits.
        if (roundId == 0 || roundId > type(uint64).max || answeredInRound > type(uint64).max) {
            revert InvalidRoundId(roundId);
        }
        rounds[roundId] = Round(answer, _u64(startedAt), _u64(updatedAt), uint64(answeredInRound), true);
        latestRound = roundId;
        emit NewRound(roundId, msg.sender, startedAt);
        emit AnswerUpdated(answer, roundId, updatedAt);
    }

    function _u64(uint256 t) private pure returns (uint64) {
        require(t <= type(uint64).max, "timestamp above uint64");
        return uint64(t);
    }
}
