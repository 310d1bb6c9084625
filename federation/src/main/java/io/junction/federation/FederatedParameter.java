package io.junction.federation;

/**
 * A {@code ?} of a cross-source query, typed by Calcite from where it stands ({@code o.id = ?} is
 * the type of {@code o.id}), described as JDBC's ParameterMetaData would.
 */
public record FederatedParameter(int jdbcType, String typeName, int precision, int scale) {
}
