//! The words of the site's own pages (headings, buttons, captions) in English and Arabic. The
//! graph's words (relation types, statuses, qualifiers, entity types) come from the ontology's
//! labels instead; this table holds only what the ontology has no term for.

use std::collections::BTreeMap;

use crate::wording::Lang;

/// Key, English, Arabic.
const WORDS: &[(&str, &str, &str)] = &[
    ("site", "Musk and Trump in the news: the knowledge graph", "ماسك وترامب في الأخبار: مخطط المعرفة"),
    ("home", "Home", "الرئيسية"),
    ("other_language", "العربية", "English"),
    ("search", "Search names", "ابحث في الأسماء"),
    ("search_hint", "A name in Arabic or English, any spelling", "اسم بالعربية أو الإنجليزية، بأي تهجئة"),
    ("no_match", "No entity has that name.", "لا يوجد كيان بهذا الاسم."),
    ("entities", "Entities", "الكيانات"),
    ("articles", "Articles", "المقالات"),
    ("questions", "Questions", "الأسئلة"),
    ("pictures", "Pictures", "الصور"),
    ("statements", "Statements", "البيانات"),
    ("statement", "Statement", "بيان"),
    ("article", "Article", "مقالة"),
    ("entity", "Entity", "كيان"),
    ("type", "Type", "النوع"),
    ("aliases", "Also written", "تُكتب أيضًا"),
    ("wikidata", "Wikidata", "ويكي بيانات"),
    ("status", "Status", "الحالة"),
    ("quote", "Quote", "الاقتباس"),
    ("quotes", "Quotes", "الاقتباسات"),
    ("in_context", "The quote in its article", "الاقتباس في مقالته"),
    ("in_the_text", "in the text", "في النص"),
    ("subject", "Subject", "الفاعل"),
    ("object", "Object", "المفعول"),
    ("relation", "Relation", "العلاقة"),
    ("when", "When", "متى"),
    ("amount", "Amount", "المبلغ"),
    ("note", "Note", "ملاحظة"),
    ("linked", "The same fact, or its contradiction, in other articles", "الواقعة نفسها أو ما يناقضها في مقالات أخرى"),
    ("same_fact", "the same fact", "الواقعة نفسها"),
    ("contradicts", "contradicts it", "تناقضها"),
    ("rdf", "This statement in RDF (Turtle)", "هذا البيان بصيغة RDF (Turtle)"),
    ("title", "Headline", "العنوان"),
    ("publisher", "Publisher", "الناشر"),
    ("author", "Author", "الكاتب"),
    ("published", "Published", "تاريخ النشر"),
    ("inferred", "inferred, not printed in the article", "مستنتج، لم يُطبع في المقالة"),
    ("why_inferred", "How it was inferred", "كيف استُنتج"),
    ("reports_from", "Reports from", "ينقل عن"),
    ("source", "Source file", "ملف المصدر"),
    ("text", "Text", "النص"),
    ("text_help", "Each highlight is a quote that supports a statement: follow it to the statement.", "كل تظليل اقتباس يدعم بيانًا: اتبعه إلى البيان."),
    ("untitled", "(no headline)", "(بلا عنوان)"),
    ("answer", "Answer", "الإجابة"),
    ("parameters", "Parameters", "المعاملات"),
    ("default_parameters", "with the default parameters", "بالمعاملات الافتراضية"),
    ("no_rows", "No rows.", "لا صفوف."),
    ("rows", "rows", "صفوف"),
    ("timeline", "Timeline", "الخط الزمني"),
    ("network", "Network", "الشبكة"),
    ("ask", "Ask", "اسأل"),
    ("ask_help", "Each question runs on the server, with the parameters you give: an entity by its id or its name in Arabic or English.", "يُطرح كل سؤال على الخادم بالمعاملات التي تعطيها: كيان بمعرّفه أو باسمه بالعربية أو الإنجليزية."),
    ("any_query", "Any SPARQL query", "أي استعلام SPARQL"),
    ("asking", "Asking…", "جارٍ السؤال…"),
    ("full_size", "the picture at full size", "الصورة بحجمها الكامل"),
    ("sparql", "Ask in SPARQL", "اسأل بلغة SPARQL"),
    ("made_by", "Made by newskg from the articles' extraction; every fact links to the sentence it comes from.", "صنعه newskg من استخراج المقالات؛ كل واقعة مرتبطة بالجملة التي جاءت منها."),
];

/// The words in `lang`, by key, for the templates.
pub fn words(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    WORDS
        .iter()
        .map(|&(key, en, ar)| (key, if lang == Lang::Ar { ar } else { en }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_both_languages_and_one_key() {
        let mut keys = std::collections::BTreeSet::new();
        for (key, en, ar) in WORDS {
            assert!(keys.insert(key), "{key} twice");
            assert!(!en.is_empty() && !ar.is_empty(), "{key}");
            // The switch names the other language in its own script.
            let arabic = *key != "other_language";
            assert_eq!(crate::wording::has_arabic(ar), arabic, "{key}: {ar}");
        }
    }
}
