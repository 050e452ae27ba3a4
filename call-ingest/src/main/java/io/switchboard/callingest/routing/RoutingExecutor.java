package io.switchboard.callingest.routing;

import io.switchboard.callingest.ami.AmiLink;
import io.switchboard.callingest.ami.FrameProcessor;
import io.switchboard.callingest.config.IngestConfig;
import io.switchboard.callingest.lifecycle.EventIds;
import io.switchboard.callingest.publish.EventPublisher;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.RoutingCommandKind;
import io.switchboard.events.RoutingResult;
import io.switchboard.events.RoutingStateEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.jboss.logging.Logger;

/**
 * Carries out routing commands on this PBX and reports on routing.state.v1 what actually happened: contingency
 * engaged or released (confirmed by the PBX's own VarSet), or a call blind-transferred to a queue. Commands for
 * regions or calls this PBX does not carry are left to the PBX that does.
 */
@ApplicationScoped
public class RoutingExecutor {

    private static final Logger LOG = Logger.getLogger(RoutingExecutor.class);
    private static final Duration CONFIRMATION_TIMEOUT = Duration.ofSeconds(5);

    private final IngestConfig config;
    private final AmiLink link;
    private final ContingencySwitch contingency;
    private final FrameProcessor calls;
    private final EventPublisher publisher;
    private final RoutingHistory history;

    RoutingExecutor(IngestConfig config, AmiLink link, ContingencySwitch contingency, FrameProcessor calls,
            EventPublisher publisher, RoutingHistory history) {
        this.config = config;
        this.link = link;
        this.contingency = contingency;
        this.calls = calls;
        this.publisher = publisher;
        this.history = history;
    }

    public void execute(RoutingCommand command) {
        if (!history.applied().firstTime(command.commandId())) {
            LOG.infof("Routing command %s was already carried out; ignoring the repeat", command.commandId());
            return;
        }
        if (command.kind() == RoutingCommandKind.TRANSFER_CALL) {
            transfer(command);
        } else {
            switchContingency(command);
        }
    }

    private void switchContingency(RoutingCommand command) {
        Optional<String> variable = contingency.variableFor(command.region());
        if (variable.isEmpty()) {
            return; // another PBX serves this region
        }
        boolean engage = command.kind() == RoutingCommandKind.ENGAGE_CONTINGENCY;
        String wanted = engage ? "1" : "0";
        if (contingency.isEngaged(variable.get()).equals(Optional.of(engage))) {
            report(command, RoutingResult.ALREADY_APPLIED, engage, variable.get() + " was already " + wanted);
            return;
        }
        try {
            ManagerResponse response = link.send(new SetVarAction(variable.get(), wanted));
            if (response instanceof ManagerError) {
                report(command, RoutingResult.REJECTED, known(variable.get()), "the PBX refused Setvar: " + response.getMessage());
                return;
            }
            contingency.awaitValue(variable.get(), wanted)
                    .get(CONFIRMATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            report(command, RoutingResult.APPLIED, engage, "VarSet " + variable.get() + "=" + wanted + " observed");
        } catch (IOException | TimeoutException e) {
            report(command, RoutingResult.FAILED, known(variable.get()), "could not reach the PBX: " + e.getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            report(command, RoutingResult.FAILED, known(variable.get()), "the PBX accepted Setvar but reported no VarSet "
                    + variable.get() + "=" + wanted + " within " + CONFIRMATION_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            report(command, RoutingResult.FAILED, null, "confirmation failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report(command, RoutingResult.FAILED, null, "interrupted while waiting for the PBX");
        } finally {
            contingency.forget(variable.get(), wanted);
        }
    }

    private Boolean known(String variable) {
        return contingency.isEngaged(variable).orElse(null);
    }

    private void transfer(RoutingCommand command) {
        if (command.callId() == null || !command.callId().startsWith(config.pbxId() + ":")) {
            return; // a call on another PBX
        }
        Optional<String> handler = calls.handlerChannelOf(command.callId());
        if (handler.isEmpty()) {
            report(command, RoutingResult.REJECTED, null, "the call is not connected to a handler on this PBX");
            return;
        }
        String extension = config.transfer().extensionByQueue().get(command.targetQueue());
        if (extension == null) {
            report(command, RoutingResult.REJECTED, null, "no transfer extension is configured for queue "
                    + command.targetQueue() + " (switchboard.transfer.extension-by-queue)");
            return;
        }
        try {
            ManagerResponse response = link.send(new BlindTransferAction(handler.get(),
                    config.transfer().context(), extension));
            if (response instanceof ManagerError) {
                report(command, RoutingResult.REJECTED, null, "the PBX refused BlindTransfer: "
                        + response.getMessage());
            } else {
                report(command, RoutingResult.APPLIED, null, "BlindTransfer to " + config.transfer().context()
                        + "," + extension + " accepted");
            }
        } catch (IOException | TimeoutException e) {
            report(command, RoutingResult.FAILED, null, "could not reach the PBX: " + e.getMessage());
        }
    }

    private void report(RoutingCommand command, RoutingResult result, Boolean engaged, String detail) {
        RoutingStateEvent state = new RoutingStateEvent(EventIds.of(command.commandId(), "state"),
                command.commandId(), command.kind(), result, command.region(), command.queue(), command.callId(),
                config.pbxId(), engaged, detail, Instant.now());
        publisher.routingState(state, command.key());
        LOG.infof("Routing command %s (%s): %s, %s", command.commandId(), command.kind().wireName(),
                result.wireName(), detail);
    }
}
