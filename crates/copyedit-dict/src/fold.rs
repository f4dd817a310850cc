//! Diacritic folding, shared with `build.rs` (which accepts the folded form
//! of every accented dictionary word: `cafe` for `café`).

/// Remove common Latin diacritics (`coupé` → `coupe`).
pub fn fold_diacritics(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'A',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'È' | 'É' | 'Ê' | 'Ë' => 'E',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => 'O',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
            'ç' => 'c',
            'Ç' => 'C',
            'ñ' => 'n',
            'Ñ' => 'N',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_latin_accents_and_keeps_the_rest() {
        assert_eq!(fold_diacritics("café"), "cafe");
        assert_eq!(fold_diacritics("Détente"), "Detente");
        assert_eq!(fold_diacritics("naïve façade"), "naive facade");
        assert_eq!(fold_diacritics("Œuvre"), "Œuvre");
    }
}
