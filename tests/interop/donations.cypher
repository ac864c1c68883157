MATCH (d:Entity)-[r:Relation]->(c:Entity)
WHERE r.relation = 'donated-to'
OPTIONAL MATCH (i:Entity) WHERE i.id = r.intermediary
OPTIONAL MATCH (b:Entity) WHERE b.id = r.beneficiary
RETURN d.label_en AS donor_name, c.label_en AS recipient_name, i.label_en AS intermediary,
       b.label_en AS beneficiary_name, r.amount AS amount, r.amount_bound AS bound,
       r.currency AS currency, r.date AS date, r.start_date AS start, r.end_date AS `end`,
       coalesce(r.purpose_en, r.purpose_ar) AS purpose, r.part_of AS part_of,
       r.status AS status, r.article AS article, r.id AS statement
