package dev.marginsim.cli;

import dev.marginsim.core.ProtocolRevert;
import picocli.CommandLine;

/**
 * Bad input ends in one line on stderr and a non-zero exit code, never a stack trace:
 * 2 for a malformed command line, 1 for a refused or failed run.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        String message = e instanceof ProtocolRevert r ? "the protocol refused: " + r.solidityForm()
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        cmd.getErr().println("marginsim: " + message.lines().findFirst().orElse(message));
        return 1;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        e.getCommandLine().getErr().println("marginsim: " + e.getMessage().lines().findFirst().orElse("bad arguments")
                + " (see --help)");
        return 2;
    }
}
