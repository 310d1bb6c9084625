package io.junction.federation;

/** A result column of a cross-source query, described as JDBC's ResultSetMetaData would. */
public record FederatedColumn(String label, int jdbcType, String typeName, int precision, int scale,
                              boolean nullable) {
}
