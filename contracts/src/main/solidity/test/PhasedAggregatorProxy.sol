// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @notice A test proxy with Chainlink's phase scheme: each aggregator it ever pointed at is a phase
///         (1, 2, ...), and the proxy's round id is `phaseId << 64 | aggregatorRoundId`, for both
///         `roundId` and `answeredInRound`. `getRoundData` routes an old id to the aggregator of its
///         phase, so history stays readable across aggregator upgrades, as on deployed proxies.
///         Anyone may switch the aggregator: it is for tests and simulations.
contract PhasedAggregatorProxy is AggregatorV3Interface {
    error NoAggregatorForPhase(uint16 phaseId);
    error NotAContract(address aggregator);

    event AggregatorConfirmed(address indexed previous, address indexed latest);

    uint16 public phaseId;
    mapping(uint16 => address) public phaseAggregators;

    constructor(address aggregator_) {
        _confirm(aggregator_);
    }

    /// @notice Starts a new phase served by `aggregator_`.
    function confirmAggregator(address aggregator_) external {
        _confirm(aggregator_);
    }

    function aggregator() public view returns (address) {
        return phaseAggregators[phaseId];
    }

    function decimals() external view override returns (uint8) {
        return AggregatorV3Interface(aggregator()).decimals();
    }

    function description() external view override returns (string memory) {
        return AggregatorV3Interface(aggregator()).description();
    }

    function version() external view override returns (uint256) {
        return AggregatorV3Interface(aggregator()).version();
    }

    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        uint16 phase = phaseId;
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) =
            AggregatorV3Interface(phaseAggregators[phase]).latestRoundData();
        return (_phased(phase, roundId), answer, startedAt, updatedAt, _phased(phase, answeredInRound));
    }

    function getRoundData(uint80 proxyRoundId) external view override returns (uint80, int256, uint256, uint256, uint80) {
        uint16 phase = uint16(proxyRoundId >> 64);
        address target = phaseAggregators[phase];
        if (target == address(0)) revert NoAggregatorForPhase(phase);
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) =
            AggregatorV3Interface(target).getRoundData(uint80(uint64(proxyRoundId)));
        return (_phased(phase, roundId), answer, startedAt, updatedAt, _phased(phase, answeredInRound));
    }

    function _confirm(address aggregator_) private {
        if (aggregator_.code.length == 0) revert NotAContract(aggregator_);
        address previous = phaseAggregators[phaseId];
        phaseId += 1;
        phaseAggregators[phaseId] = aggregator_;
        emit AggregatorConfirmed(previous, aggregator_);
    }

    function _phased(uint16 phase, uint80 aggregatorRoundId) private pure returns (uint80) {
        return (uint80(phase) << 64) | uint80(uint64(aggregatorRoundId));
    }
}
