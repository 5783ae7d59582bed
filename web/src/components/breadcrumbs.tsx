import { Link } from "wouter";

/** Where a page sits: the trail of links above its heading. */
export function Breadcrumbs({ trail }: { trail: { label: string; href?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {trail.map((step) => (
          <li key={step.label}>{step.href ? <Link href={step.href}>{step.label}</Link> : <span>{step.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}
