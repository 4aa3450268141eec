// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @notice A feed whose rounds are set by hand: prices, stale rounds, incomplete rounds, a sequencer
///         status (answer 0 = up, 1 = down). Anyone may set rounds; it is for tests and simulations.
contract MockAggregator is AggregatorV3Interface {
    error UnknownRound(uint80 roundId);

    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
        uint80 answeredInRound;
        bool set;
    }

    uint8 public immutable override decimals;
    string public override description;
    uint80 public latestRound;
    mapping(uint80 => Round) private rounds;

    constructor(uint8 decimals_, string memory description_) {
        decimals = decimals_;
        description = description_;
    }

    function version() external pure override returns (uint256) {
        return 4;
    }

    function setRoundData(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
        external
    {
        rounds[roundId] = Round(answer, startedAt, updatedAt, answeredInRound, true);
        latestRound = roundId;
    }

    function updateAnswer(int256 answer) external {
        uint80 id = latestRound + 1;
        rounds[id] = Round(answer, block.timestamp, block.timestamp, id, true);
        latestRound = id;
    }

    function getRoundData(uint80 roundId) external view override returns (uint80, int256, uint256, uint256, uint80) {
        Round storage r = rounds[roundId];
        if (!r.set) revert UnknownRound(roundId);
        return (roundId, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }

    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        Round storage r = rounds[latestRound];
        return (latestRound, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }
}
