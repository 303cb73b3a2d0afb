namespace Crm.Reporting.Csv;

/// <summary>How a column's cells are written.</summary>
public enum CsvColumnKind
{
    /// <summary>Free text: a cell starting with = + - @ tab or CR is escaped, so "-5" comes out as '-5.</summary>
    Text = 0,

    /// <summary>
    /// A number the report formatted itself (invariant culture, e.g. "-5" or "3.25"). Written as is so that
    /// spreadsheets sum it; a cell that does not parse as a number is refused, so no formula can pass this way.
    /// </summary>
    Number = 1,
}

/// <summary>One column of an export: its header (always treated as text) and its kind.</summary>
public sealed record CsvColumn(string Header, CsvColumnKind Kind = CsvColumnKind.Text);
