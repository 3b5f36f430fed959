//! A stemming filter that picks the stemmer by script: Cyrillic words through the Russian
//! Snowball stemmer, everything else through the English one. The text fields hold English
//! summaries today and the official Russian wording after import; one field serves both.

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The filter; tokens are expected lowercased.
#[derive(Clone, Copy, Default)]
pub struct ScriptStemmer;

impl TokenFilter for ScriptStemmer {
    type Tokenizer<T: Tokenizer> = ScriptStemFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ScriptStemFilter<T> {
        ScriptStemFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct ScriptStemFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for ScriptStemFilter<T> {
    type TokenStream<'a> = ScriptStemStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ScriptStemStream {
            tail: self.inner.token_stream(text),
            en: Stemmer::create(Algorithm::English),
            ru: Stemmer::create(Algorithm::Russian),
        }
    }
}

pub struct ScriptStemStream<T> {
    tail: T,
    en: Stemmer,
    ru: Stemmer,
}

impl<T: TokenStream> TokenStream for ScriptStemStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let stemmer = if crate::lang::stem::is_cyrillic(&token.text) {
            &self.ru
        } else {
            &self.en
        };
        token.text = stemmer.stem(&token.text).into_owned();
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
