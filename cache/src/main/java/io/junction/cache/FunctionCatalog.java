package io.junction.cache;

import java.util.Locale;
import java.util.Set;

/**
 * What the cache knows about functions and function-like keywords of PostgreSQL and MariaDB/MySQL.
 * A function it does not list is neither deterministic nor free of side effects: a query calling
 * it is not cached, and running it invalidates the whole source (a user function may write).
 */
final class FunctionCatalog {
    enum Behaviour {
        /** Same arguments, same session state: same result. */
        DETERMINISTIC,
        /** Changes between calls (clock, random, sequence) but writes no table and no session state. */
        VOLATILE,
        /** Changes session state in ways a key cannot capture. */
        SESSION_CHANGING,
        /** Unknown: may write tables. */
        UNKNOWN
    }

    private static final Set<String> DETERMINISTIC = Set.of(
            // aggregates and window functions
            "count", "sum", "avg", "min", "max", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop",
            "var_samp", "string_agg", "array_agg", "group_concat", "json_agg", "jsonb_agg", "json_object_agg",
            "jsonb_object_agg", "json_arrayagg", "json_objectagg", "bool_and", "bool_or", "every", "bit_and",
            "bit_or", "bit_xor", "percentile_cont", "percentile_disc", "mode", "row_number", "rank", "dense_rank",
            "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value",
            "grouping", "corr", "covar_pop", "covar_samp", "regr_slope", "regr_intercept", "median",
            // numbers
            "abs", "ceil", "ceiling", "floor", "round", "trunc", "truncate", "mod", "power", "pow", "sqrt", "cbrt",
            "exp", "ln", "log", "log2", "log10", "sign", "greatest", "least", "div", "degrees", "radians", "pi",
            "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "width_bucket", "gcd", "lcm", "factorial",
            // conditionals and conversions
            "coalesce", "nullif", "ifnull", "nvl", "if", "cast", "convert", "to_char", "to_number", "to_date",
            "to_timestamp", "format", "str_to_date", "date_format", "time_format",
            // text
            "lower", "upper", "lcase", "ucase", "length", "char_length", "character_length", "octet_length",
            "bit_length", "substr", "substring", "substring_index", "left", "right", "trim", "ltrim", "rtrim",
            "btrim", "replace", "concat", "concat_ws", "lpad", "rpad", "position", "strpos", "instr", "locate",
            "reverse", "repeat", "split_part", "initcap", "md5", "sha1", "sha2", "crc32", "ascii", "chr", "char",
            "hex", "unhex", "to_hex", "encode", "decode", "translate", "regexp_replace", "regexp_substr",
            "regexp_like", "regexp_instr", "regexp_matches", "regexp_split_to_array", "regexp_split_to_table",
            "starts_with", "quote_ident", "quote_literal", "field", "find_in_set", "elt", "space", "insert",
            "string_to_array", "array_to_string", "array_length", "array_position", "cardinality", "unnest",
            "generate_series", "array_cat", "array_append", "array_prepend", "array_remove",
            // dates (results depend only on arguments and the session's time zone, which is in the key)
            "extract", "date_part", "date_trunc", "date_bin", "make_date", "make_time", "make_timestamp",
            "make_timestamptz", "make_interval", "justify_days", "justify_hours", "justify_interval", "isfinite",
            "year", "month", "day", "dayofmonth", "dayofweek", "dayofyear", "dayname", "monthname", "hour",
            "minute", "second", "microsecond", "quarter", "week", "weekday", "weekofyear", "yearweek", "date",
            "time", "timestamp", "makedate", "maketime", "date_add", "date_sub", "adddate", "subdate", "addtime",
            "subtime", "datediff", "timediff", "timestampdiff", "timestampadd", "last_day", "from_days",
            "to_days", "to_seconds", "period_add", "period_diff", "sec_to_time", "time_to_sec", "convert_tz",
            // json
            "json_build_object", "jsonb_build_object", "json_build_array", "jsonb_build_array", "to_json",
            "to_jsonb", "json_extract_path", "jsonb_extract_path", "json_extract_path_text",
            "jsonb_extract_path_text", "jsonb_set", "json_array_length", "jsonb_array_length", "json_typeof",
            "jsonb_typeof", "json_each", "jsonb_each", "json_array_elements", "jsonb_array_elements",
            "json_extract", "json_unquote", "json_value", "json_object", "json_array", "json_contains",
            "json_keys", "json_length",
            // type names written with a modifier: varchar(10), numeric(10,2)...
            "varchar", "character", "numeric", "decimal", "dec", "float", "double", "bit", "varbit", "nchar",
            "nvarchar", "binary", "varbinary", "int", "integer", "bigint", "smallint", "tinyint", "mediumint",
            "datetime", "interval", "real");

    private static final Set<String> VOLATILE = Set.of(
            "now", "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp", "sysdate",
            "curdate", "curtime", "utc_timestamp", "utc_date", "utc_time", "unix_timestamp", "clock_timestamp",
            "statement_timestamp", "transaction_timestamp", "timeofday", "age", "random", "rand", "setseed",
            "nextval", "currval", "lastval", "setval", "uuid", "uuid_short", "gen_random_uuid", "uuid_generate_v1",
            "uuid_generate_v1mc", "uuid_generate_v4", "sys_guid", "last_insert_id", "found_rows", "row_count",
            "connection_id", "pg_backend_pid", "txid_current", "pg_current_xact_id", "current_user",
            "session_user", "user", "system_user", "current_role", "current_schema", "current_schemas",
            "current_database", "current_catalog", "database", "schema", "version", "pg_sleep", "sleep",
            "benchmark", "current_setting", "inet_client_addr", "inet_server_addr", "pg_postmaster_start_time");

    private static final Set<String> SESSION_CHANGING = Set.of(
            "set_config", "get_lock", "release_lock", "release_all_locks", "pg_advisory_lock",
            "pg_advisory_unlock", "pg_advisory_unlock_all", "pg_advisory_lock_shared", "pg_try_advisory_lock",
            "pg_advisory_xact_lock", "pg_try_advisory_xact_lock", "dblink_connect");

    /** Keywords that act as functions without parentheses. */
    private static final Set<String> VOLATILE_KEYWORDS = Set.of(
            "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIME", "LOCALTIMESTAMP", "SYSDATE",
            "CURRENT_USER", "SESSION_USER", "CURRENT_ROLE", "SYSTEM_USER", "CURRENT_SCHEMA", "CURRENT_CATALOG",
            "UTC_TIMESTAMP", "UTC_DATE", "UTC_TIME");

    private final Set<String> configuredDeterministic;

    /** @param configuredDeterministic functions the operator declares deterministic and free of side effects */
    FunctionCatalog(Set<String> configuredDeterministic) {
        this.configuredDeterministic = configuredDeterministic.stream()
                .map(name -> name.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    Behaviour behaviourOf(String functionName) {
        String name = functionName.toLowerCase(Locale.ROOT);
        if (configuredDeterministic.contains(name) || DETERMINISTIC.contains(name)) {
            return Behaviour.DETERMINISTIC;
        }
        if (VOLATILE.contains(name)) {
            return Behaviour.VOLATILE;
        }
        if (SESSION_CHANGING.contains(name)) {
            return Behaviour.SESSION_CHANGING;
        }
        return Behaviour.UNKNOWN;
    }

    static boolean isVolatileKeyword(String upperWord) {
        return VOLATILE_KEYWORDS.contains(upperWord);
    }
}
