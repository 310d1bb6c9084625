package io.junction.server.session;

import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ColumnMetaData.AvaticaType;
import org.apache.calcite.avatica.ColumnMetaData.Rep;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The element type of an upstream array column, known from its type name before any value is read
 * (PostgreSQL names an array type after its element with a leading underscore: {@code _int4}), with the JDBC
 * type and name pgjdbc's {@code Array.getBaseType()}/{@code getBaseTypeName()} report. Numbers and booleans
 * travel as such; every other element as text (dates, timestamps and UUIDs as their ISO form), which the
 * Junction driver turns back into the element class. An element type not listed here travels as text. An
 * array of more dimensions is a list of lists (PostgreSQL's type name does not say how many: each value does).
 */
final class ArrayElements {
    private record Element(int jdbcType, Rep rep) {
    }

    private static final Map<String, Element> POSTGRES = Map.ofEntries(
            Map.entry("int2", new Element(Types.SMALLINT, Rep.SHORT)),
            Map.entry("int4", new Element(Types.INTEGER, Rep.INTEGER)),
            Map.entry("int8", new Element(Types.BIGINT, Rep.LONG)),
            Map.entry("float4", new Element(Types.REAL, Rep.FLOAT)),
            Map.entry("float8", new Element(Types.DOUBLE, Rep.DOUBLE)),
            Map.entry("numeric", new Element(Types.NUMERIC, Rep.NUMBER)),
            Map.entry("bool", new Element(Types.BIT, Rep.BOOLEAN)),
            Map.entry("text", new Element(Types.VARCHAR, Rep.STRING)),
            Map.entry("varchar", new Element(Types.VARCHAR, Rep.STRING)),
            Map.entry("bpchar", new Element(Types.CHAR, Rep.STRING)),
            Map.entry("date", new Element(Types.DATE, Rep.STRING)),
            Map.entry("time", new Element(Types.TIME, Rep.STRING)),
            Map.entry("timestamp", new Element(Types.TIMESTAMP, Rep.STRING)),
            Map.entry("uuid", new Element(Types.OTHER, Rep.STRING)));

    private final AvaticaType componentType;

    private ArrayElements(AvaticaType componentType) {
        this.componentType = componentType;
    }

    static ArrayElements ofArrayType(String arrayTypeName) {
        String name = arrayTypeName == null ? "" : arrayTypeName;
        String elementName = name.startsWith("_") ? name.substring(1) : name;
        Element element = POSTGRES.get(elementName.toLowerCase(Locale.ROOT));
        if (element == null) {
            return new ArrayElements(ColumnMetaData.scalar(Types.VARCHAR, elementName, Rep.STRING));
        }
        return new ArrayElements(ColumnMetaData.scalar(element.jdbcType(), elementName, element.rep()));
    }

    AvaticaType componentType() {
        return componentType;
    }

    /** The upstream driver's elements as values Avatica serializes for the component type. */
    List<Object> values(Object[] elements) {
        List<Object> values = new ArrayList<>(elements.length);
        for (Object element : elements) {
            values.add(element == null ? null : value(element));
        }
        return values;
    }

    private Object value(Object element) {
        if (element instanceof Number number) {
            switch (componentType.rep) {
                case SHORT: return number.shortValue();
                case INTEGER: return number.intValue();
                case LONG: return number.longValue();
                case FLOAT: return number.floatValue();
                case DOUBLE: return number.doubleValue();
                case NUMBER: return number instanceof BigDecimal ? number : new BigDecimal(number.toString());
                default: return number.toString();
            }
        }
        if (element instanceof Boolean && componentType.rep == Rep.BOOLEAN) {
            return element;
        }
        if (element instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (element instanceof Object[] nested) {
            // A dimension deeper (int[][]): a list of its own, which the driver turns into Integer[][] as pgjdbc.
            return values(nested);
        }
        return element.toString();
    }
}
