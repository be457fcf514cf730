package dev.tradingevents.deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Alloy's config makes of a log line in Loki: the labels it sets and the structured metadata it
 * attaches, each with where its value comes from ({@code json:<key>} for a key of the logger's line,
 * {@code docker:<meta label>} for a container label, {@code static} for a constant).
 */
final class AlloyLabels {
  final List<River.Block> config;
  final Map<String, String> labels = new LinkedHashMap<>();
  final Map<String, String> structuredMetadata = new LinkedHashMap<>();
  /** The fields {@code stage.json} extracts: extracted name to the line's key. */
  final Map<String, String> extracted = new LinkedHashMap<>();

  AlloyLabels(List<River.Block> config) {
    this.config = config;
    for (River.Block block : config) {
      switch (block.name()) {
        case "loki.source.docker", "loki.source.file" -> {
          block.object("labels").keySet().forEach(label -> labels.put(label, "static"));
          Object rules = block.attributes().get("relabel_rules");
          if (rules instanceof River.Reference reference) {
            relabelRules(reference);
          }
        }
        case "loki.process" -> stages(block.blocks());
        case "loki.write" -> block.object("external_labels").keySet().forEach(label -> labels.put(label, "static"));
        default -> { }
      }
    }
  }

  static AlloyLabels read() {
    return new AlloyLabels(River.parse(DeploymentFiles.text("alloy/config.alloy")));
  }

  River.Block component(String id) {
    return config.stream().filter(block -> block.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("config.alloy has no component " + id));
  }

  private void relabelRules(River.Reference reference) {
    String path = reference.path();
    if (!path.startsWith("discovery.relabel.") || !path.endsWith(".rules")) {
      throw new AssertionError("relabel_rules should come from a discovery.relabel's rules, was " + path);
    }
    River.Block relabel = component(path.substring(0, path.length() - ".rules".length()));
    for (River.Block rule : relabel.blocks("rule")) {
      String target = rule.string("target_label");
      String action = rule.attributes().getOrDefault("action", "replace").toString();
      if (target != null && action.equals("replace")) {
        labels.put(target, "docker:" + String.join(",", rule.list("source_labels").stream().map(Object::toString).toList()));
      }
    }
  }

  private void stages(List<River.Block> stages) {
    for (River.Block stage : stages) {
      switch (stage.name()) {
        case "stage.match" -> stages(stage.blocks());
        case "stage.json" -> stage.object("expressions").forEach((name, expression) ->
            extracted.put(name, expression == null || expression.toString().isEmpty() ? name : expression.toString()));
        case "stage.labels" -> stage.object("values").forEach((label, source) ->
            labels.put(label, origin(label, source)));
        case "stage.structured_metadata" -> stage.object("values").forEach((key, source) ->
            structuredMetadata.put(key, origin(key, source)));
        case "stage.static_labels" -> stage.object("values").keySet().forEach(label -> labels.put(label, "static"));
        default -> { }
      }
    }
  }

  private String origin(String name, Object source) {
    String from = source == null || source.toString().isEmpty() ? name : source.toString();
    String key = extracted.get(from);
    return key == null ? "unknown:" + from : "json:" + key;
  }
}
