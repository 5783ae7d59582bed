/** A table's column headings, one per column, in order. */
export function ColumnHeadings({ columns }: { columns: readonly { id: string; label: string }[] }) {
  return (
    <>
      {columns.map((column) => (
        <th key={column.id} scope="col">
          {column.label}
        </th>
      ))}
    </>
  );
}
