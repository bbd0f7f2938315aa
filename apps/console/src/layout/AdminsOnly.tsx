/** What a member sees at an administrators' page. */
export function AdminsOnly() {
  return <p className="notice">This page is for administrators.</p>;
}
