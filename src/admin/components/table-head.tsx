import { Table } from "@medusajs/ui"

/** The header row of an admin table; an empty string gives an unlabelled column (e.g. for buttons). */
export const TableHead = ({ columns }: { columns: string[] }) => (
  <Table.Header>
    <Table.Row>
      {columns.map((c, i) => (
        <Table.HeaderCell key={`${i}-${c}`}>{c || null}</Table.HeaderCell>
      ))}
    </Table.Row>
  </Table.Header>
)
