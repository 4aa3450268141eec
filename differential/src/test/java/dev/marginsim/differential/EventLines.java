package dev.marginsim.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marginsim.contracts.chain.Artifacts;
import dev.marginsim.simulator.engine.ProtocolEvent;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Renders protocol events from both sides as {@code Name(v1, v2, …)} in ABI field order: chain logs
 * are decoded with the committed ABI, engine events are read positionally from their records, with
 * engine ids of accounts, tokens and feeds translated to the chain's addresses.
 */
final class EventLines {
    private record Def(String name, List<String> names, List<String> types, List<Boolean> indexed, Event event) {
    }

    private final Map<String, Def> byTopic = new HashMap<>();
    private final Map<String, Def> byName = new HashMap<>();

    EventLines() {
        try {
            JsonNode abi = new ObjectMapper().readTree(Artifacts.abi("MarginProtocol"));
            for (JsonNode item : abi) {
                if (!"event".equals(item.path("type").asText())) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                List<String> types = new ArrayList<>();
                List<Boolean> indexed = new ArrayList<>();
                List<TypeReference<?>> refs = new ArrayList<>();
                for (JsonNode in : item.path("inputs")) {
                    names.add(in.path("name").asText());
                    types.add(in.path("type").asText());
                    indexed.add(in.path("indexed").asBoolean());
                    refs.add(TypeReference.makeTypeReference(in.path("type").asText(), in.path("indexed").asBoolean(), false));
                }
                Event event = new Event(item.path("name").asText(), refs);
                Def def = new Def(item.path("name").asText(), names, types, indexed, event);
                byTopic.put(EventEncoder.encode(event), def);
                byName.put(def.name(), def);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the MarginProtocol ABI", e);
        }
    }

    List<String> chain(TransactionReceipt receipt, String protocol) {
        List<String> out = new ArrayList<>();
        for (Log log : receipt.getLogs()) {
            if (!log.getAddress().equalsIgnoreCase(protocol)) {
                continue;
            }
            Def def = byTopic.get(log.getTopics().get(0));
            if (def == null) {
                out.add("unknown event " + log.getTopics().get(0));
                continue;
            }
            @SuppressWarnings("rawtypes")
            List<Type> data = FunctionReturnDecoder.decode(log.getData(), def.event().getNonIndexedParameters());
            List<String> values = new ArrayList<>();
            int topic = 1;
            int plain = 0;
            for (int i = 0; i < def.types().size(); i++) {
                Object v;
                if (def.indexed().get(i)) {
                    v = FunctionReturnDecoder.decodeIndexedValue(log.getTopics().get(topic++),
                            def.event().getIndexedParameters().get(topic - 2)).getValue();
                } else {
                    v = data.get(plain++).getValue();
                }
                values.add(renderValue(v));
            }
            out.add(def.name() + "(" + String.join(", ", values) + ")");
        }
        return out;
    }

    List<String> engine(List<ProtocolEvent> events, World w) {
        List<String> out = new ArrayList<>();
        for (ProtocolEvent e : events) {
            String name = e.getClass().getSimpleName();
            Def def = byName.get(name);
            RecordComponent[] comps = e.getClass().getRecordComponents();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < comps.length; i++) {
                Object v;
                try {
                    v = comps[i].getAccessor().invoke(e);
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException(ex);
                }
                String type = def == null || i >= def.types().size() ? "" : def.types().get(i);
                if ("address".equals(type)) {
                    v = address(def.names().get(i), ((Number) v).intValue(), w);
                }
                values.add(renderValue(v));
            }
            out.add(name + "(" + String.join(", ", values) + ")");
        }
        return out;
    }

    private static String address(String field, int id, World w) {
        String f = field.toLowerCase();
        if (f.contains("token")) {
            return id == 0 ? w.deployment.settlementToken()
                    : w.deployment.collateralTokens().get(w.engineSide.collateralTokens().indexOf(id));
        }
        if (f.contains("feed")) {
            return id < 0 ? "0x0000000000000000000000000000000000000000"
                    : id == w.engineSide.sequencerFeed() ? w.deployment.sequencerFeed()
                    : w.deployment.feeds().get(w.engineSide.feeds().indexOf(id));
        }
        return w.addressOf(id);
    }

    private static String renderValue(Object v) {
        if (v instanceof String s) {
            return s.toLowerCase();
        }
        if (v instanceof BigInteger || v instanceof Long || v instanceof Integer || v instanceof Short) {
            return new BigInteger(v.toString()).toString();
        }
        return String.valueOf(v);
    }
}
